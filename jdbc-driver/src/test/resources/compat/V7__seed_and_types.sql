-- Seed data with explicit ids, then the sequences moved past them; more type spellings.
CREATE TABLE category (id INT AUTO_INCREMENT PRIMARY KEY, name VARCHAR(40) NOT NULL);
INSERT INTO category (id, name) VALUES (1, 'books'), (2, 'music');
ALTER TABLE category ALTER COLUMN id RESTART WITH 3;
INSERT INTO category (name) VALUES ('games');
-- rows: 1|books; 2|music; 3|games
SELECT id, name FROM category ORDER BY id;
CREATE SEQUENCE hibernate_sequence START WITH 1 INCREMENT BY 1;
ALTER SEQUENCE hibernate_sequence RESTART WITH 1000;
-- rows: 1000
SELECT NEXT VALUE FOR hibernate_sequence;
ALTER SEQUENCE IF EXISTS no_such_sequence RESTART WITH 1;
-- error: 42704
ALTER SEQUENCE no_such_sequence RESTART WITH 1;
-- error: 42000
ALTER TABLE category ALTER COLUMN name RESTART WITH 1;
TRUNCATE category;
TRUNCATE TABLE category RESTART IDENTITY;
INSERT INTO category (name) VALUES ('first again');
-- rows: 1
SELECT id FROM category;

CREATE TABLE event (
  id         BIGSERIAL PRIMARY KEY,
  kind       SMALLSERIAL,
  payload    JSONB,
  meta       JSON,
  raw        LONGTEXT,
  done       BIT DEFAULT 0,
  happened   TIMESTAMP WITH TIME ZONE,
  local_at   TIMESTAMP WITH LOCAL TIME ZONE,
  cost       NUMERIC,
  ratio      FLOAT(53)
);
INSERT INTO event (payload, meta, happened) VALUES ('{"a": [1, 2]}', '{}', TIMESTAMP '2024-05-06 07:08:09');
-- rows: 1|1|{"a": [1, 2]}|FALSE|2024-05-06 07:08:09|none
SELECT id, kind, payload, done, happened, IFNULL(raw, 'none') FROM event;
