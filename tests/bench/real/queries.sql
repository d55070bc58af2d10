-- A query workload for sqlite3 (toolchains/bench): builds tables in memory with recursive
-- CTEs, then joins, groups, sorts and uses an index. Output is deterministic.
CREATE TABLE t(id INTEGER PRIMARY KEY, k INTEGER, v TEXT);
WITH RECURSIVE c(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM c WHERE i < 200000)
INSERT INTO t SELECT i, (i * 7919) % 1000, printf('v%06d', (i * 2654435761) % 1000003) FROM c;
CREATE TABLE u(k INTEGER PRIMARY KEY, name TEXT);
WITH RECURSIVE c(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM c WHERE i < 999)
INSERT INTO u SELECT i, 'name' || i FROM c;
SELECT count(*), sum(k), min(v), max(v) FROM t;
SELECT u.name, count(*), sum(length(t.v)) FROM t JOIN u ON t.k = u.k GROUP BY u.k ORDER BY count(*) DESC, u.k LIMIT 5;
CREATE INDEX t_v ON t(v);
SELECT count(*) FROM t WHERE v BETWEEN 'v100000' AND 'v200000';
SELECT k, group_concat(id % 10, '') FROM (SELECT * FROM t WHERE id <= 300 ORDER BY id) GROUP BY k % 7 ORDER BY k % 7;
SELECT sum(x) FROM (SELECT a.k * b.k AS x FROM u a, u b WHERE a.k < 300 AND b.k < 300);
