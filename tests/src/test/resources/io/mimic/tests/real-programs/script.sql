CREATE TABLE t(id INTEGER PRIMARY KEY, name TEXT, score REAL);
WITH RECURSIVE seq(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM seq WHERE x < 500)
INSERT INTO t(name, score) SELECT printf('name%03d', x % 37), (x * 7919 % 1000) / 10.0 FROM seq;
SELECT count(*), sum(score), avg(score), min(name), max(name) FROM t;
SELECT name, count(*) AS n, printf('%.2f', avg(score)) FROM t GROUP BY name ORDER BY n DESC, name LIMIT 5;
CREATE INDEX ts ON t(score);
SELECT id, score FROM t WHERE score BETWEEN 10 AND 11 ORDER BY score, id;
SELECT group_concat(name, '|') FROM (SELECT DISTINCT name FROM t ORDER BY name LIMIT 4);
SELECT upper('mimic'), length('héllo'), hex(zeroblob(3)), 7 / 2, 7 / 2.0, abs(-3), round(2.675, 2);
SELECT json_object('a', 1, 'b', json_array(1, 2, 3));
.mode csv
SELECT * FROM t WHERE id % 100 = 0;
