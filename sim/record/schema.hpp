// The recording's tables (schema version kSchemaVersion). Shared by the
// writer and the reader. Version 2 keeps the event log in chunks (one row
// per commit, its events' JSON lines one after another): one row per event
// cost a busy day's session a third of its speed. The reader still reads
// version 1 (one row per event).
#pragma once

namespace gs::record::schema {

inline constexpr const char* kCreate =
    "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);"
    "CREATE TABLE sources (path TEXT PRIMARY KEY, sha256 TEXT NOT NULL, bytes BLOB NOT NULL);"
    "CREATE TABLE participants (id INTEGER PRIMARY KEY, name TEXT NOT NULL, role TEXT NOT NULL);"
    "CREATE TABLE actions (seq INTEGER PRIMARY KEY, epoch INTEGER NOT NULL, pos_ms INTEGER NOT NULL,"
    " at_ms INTEGER NOT NULL, wall_ms INTEGER NOT NULL, kind TEXT NOT NULL, origin TEXT NOT NULL,"
    " actor TEXT NOT NULL, role TEXT NOT NULL, text TEXT NOT NULL, ok INTEGER NOT NULL,"
    " exit_code INTEGER NOT NULL, output TEXT NOT NULL, denied INTEGER NOT NULL, nested INTEGER NOT NULL,"
    " step TEXT NOT NULL, detail TEXT NOT NULL, replays INTEGER NOT NULL);"
    "CREATE TABLE staged_files (seq INTEGER NOT NULL, path TEXT NOT NULL, content BLOB,"
    " PRIMARY KEY (seq, path));"
    "CREATE TABLE checkpoints (epoch INTEGER NOT NULL, events INTEGER NOT NULL, pos_ms INTEGER NOT NULL,"
    " at_ms INTEGER NOT NULL, hash TEXT NOT NULL, PRIMARY KEY (epoch, events));"
    "CREATE TABLE events (epoch INTEGER NOT NULL, first INTEGER NOT NULL, count INTEGER NOT NULL,"
    " lines BLOB NOT NULL, PRIMARY KEY (epoch, first)) WITHOUT ROWID;";

}  // namespace gs::record::schema
