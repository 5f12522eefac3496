"""Shared text knowledge and utilities used by several stages."""
