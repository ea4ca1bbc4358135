#!/usr/bin/env python3
"""How many one-row transactions per second SQLite commits on this disk, in WAL mode, with synchronous=FULL (a
flush per commit, the app's setting) and NORMAL (no flush per commit). The first bounds the app's autosaves on
SQLite: SQLite has one writer at a time, so at most this many saves per second can each have their own commit.
    python3 bench/load/sqlite-commit-rate.py [FOLDER]    (a folder on the disk the database would live on)"""
import os, sqlite3, sys, tempfile, time

folder = sys.argv[1] if len(sys.argv) > 1 else tempfile.gettempdir()
path = os.path.join(folder, "commit-rate-%d.db" % os.getpid())
try:
    db = sqlite3.connect(path, isolation_level=None)
    db.execute("PRAGMA journal_mode=WAL")
    db.execute("CREATE TABLE answers (id INTEGER PRIMARY KEY, value TEXT, version INTEGER)")
    for mode, count in (("FULL", 1000), ("NORMAL", 20000)):
        db.execute("PRAGMA synchronous=" + mode)
        start = time.perf_counter()
        for i in range(count):
            db.execute("BEGIN IMMEDIATE")
            db.execute("INSERT OR REPLACE INTO answers VALUES (?, 'yes', ?)", (i % 100, i))
            db.execute("COMMIT")
        seconds = time.perf_counter() - start
        print("synchronous=%-6s %8.0f commits/s  (%.3f ms each)" % (mode, count / seconds, seconds / count * 1000))
finally:
    for suffix in ("", "-wal", "-shm"):
        if os.path.exists(path + suffix):
            os.remove(path + suffix)
