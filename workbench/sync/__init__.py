"""Replicas meeting a shared PostGIS database (docs/sync.md); its SQL is in store/postgis.py."""
