"""civic-record: public records about surveillance technology, as a searchable static site."""

__version__ = "0.1.0"
