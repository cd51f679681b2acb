"""A throw-away PostgreSQL database for one benchmark, created next to the one DATABASE_URL names."""

import sys


class BenchDatabase:
    """A fresh database `name` on the server of `url`; `url` then points at it, `drop()` removes it."""

    def __init__(self, name: str, url: str):
        import dj_database_url
        import psycopg

        config = dj_database_url.parse(url)
        if config["ENGINE"] != "django.db.backends.postgresql":
            sys.exit("This benchmark runs on PostgreSQL: DATABASE_URL=postgres://…")
        self.name = name
        self.params = {"host": config.get("HOST") or None, "port": config.get("PORT") or None}
        self.params |= {"user": config.get("USER") or None, "password": config.get("PASSWORD") or None}
        self.maintenance = config["NAME"] if config["NAME"] != name else "postgres"
        with psycopg.connect(dbname=self.maintenance, autocommit=True, **self.params) as connection:
            connection.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
            connection.execute(f"CREATE DATABASE {name}")
        credentials = config.get("USER") or ""
        if config.get("PASSWORD"):
            credentials += f":{config['PASSWORD']}"
        self.url = f"postgres://{credentials}@{config.get('HOST') or ''}:{config.get('PORT') or 5432}/{name}"

    def connect(self):
        import psycopg

        return psycopg.connect(dbname=self.name, autocommit=True, **self.params)

    def drop(self) -> None:
        import psycopg

        with psycopg.connect(dbname=self.maintenance, autocommit=True, **self.params) as connection:
            connection.execute(f"DROP DATABASE IF EXISTS {self.name} WITH (FORCE)")
