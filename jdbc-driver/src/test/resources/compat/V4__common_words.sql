-- Column names that are everyday words, unquoted, as H2 and PostgreSQL accept them.
CREATE TABLE IF NOT EXISTS setting (
  id        INT AUTO_INCREMENT PRIMARY KEY,
  name      VARCHAR(100) NOT NULL,
  type      VARCHAR(30),
  value     VARCHAR(4000),
  key       VARCHAR(100),
  date      DATE,
  "user"    VARCHAR(50),
  position  INT,
  year      SMALLINT,
  month     TINYINT,
  count     INTEGER,
  timestamp TIMESTAMP,
  comment   VARCHAR(255),
  status    CHAR(1) DEFAULT 'A',
  level     INTEGER,
  role      VARCHAR(20),
  password  VARCHAR(60),
  first     VARCHAR(20),
  last      VARCHAR(20),
  active    BOOLEAN DEFAULT TRUE,
  data      BLOB,
  hash      BINARY(16),
  token     VARBINARY(64),
  notes     CLOB,
  amount    DECIMAL(19, 2),
  ratio     DOUBLE,
  weight    FLOAT,
  code      CHAR(3),
  version   INT DEFAULT 0 NOT NULL
);
CREATE UNIQUE INDEX ux_setting_name ON setting (name);
INSERT INTO setting (name, type, value, key, date, "user", position, year, month, count, timestamp,
                     comment, status, level, role, password, first, last, hash, token, notes,
                     amount, ratio, weight, code)
VALUES ('theme', 'string', 'dark', 'ui.theme', '2024-01-31', 'admin', 1, 2024, 1, 3,
        '2024-01-31 12:34:56', 'Größe: 10 €', 'A', 2, 'ADMIN', 'x', 'a', 'z',
        X'000102030405060708090a0b0c0d0e0f', X'cafe', 'long text', 12345.67, 0.5, 1.5, 'EUR');
SELECT name, type, value, key, date, "user", position, year, month, count, timestamp, comment,
       status, level, role, password, first, last FROM setting WHERE type = 'string' AND key LIKE 'ui.%';
SELECT s.name, s.value FROM setting s WHERE s.position = 1 ORDER BY s.position, s.name;
UPDATE setting SET value = 'light', count = count + 1, timestamp = CURRENT_TIMESTAMP WHERE name = 'theme';
SELECT COUNT(*) AS count FROM setting;
SELECT MAX(position) AS max_position, MIN(year) FROM setting;
CREATE TABLE "order" (
  id       BIGINT AUTO_INCREMENT PRIMARY KEY,
  "number" VARCHAR(20),
  total    DECIMAL(10, 2)
);
INSERT INTO "order" ("number", total) VALUES ('1-001', 10.00);
SELECT o."number" FROM "order" o;
CREATE TABLE "user" (id UUID PRIMARY KEY, "name" VARCHAR(50));
INSERT INTO "user" VALUES ('11111111-2222-3333-4444-555555555555', 'root');
SELECT "name" FROM "user";
-- USER stays reserved (as in PostgreSQL and H2): it is the current user's name
-- error: 42000
CREATE TABLE login (user VARCHAR(50));
SELECT CURRENT_USER, USER;
-- rows: light
SELECT value FROM setting WHERE value IN ('light', 'dark');
SELECT year, month, date FROM setting WHERE date = DATE '2024-01-31' AND EXTRACT(YEAR FROM date) = 2024;
SELECT COUNT(*), COUNT(DISTINCT type), count(s.value) FROM setting s;
-- Known limitation: a bare VALUE as a function argument reads as VALUES (...); qualify or quote it
-- error: 42000
SELECT UPPER(value) FROM setting;
SELECT POSITION('h' IN value), position FROM setting;
SELECT CAST(timestamp AS DATE), TIMESTAMP '2024-01-01 00:00:00', time FROM (SELECT timestamp, TIME '10:00:00' AS time FROM setting) t;
SELECT {fn UCASE(name)} FROM setting;
