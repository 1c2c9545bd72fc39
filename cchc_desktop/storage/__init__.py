"""Storage of units and reports in a local SQLite file (SQLAlchemy 2, Alembic migrations)."""
