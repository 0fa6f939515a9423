-- Views, sequences, MERGE and data-moving statements found in migration sets.
CREATE TABLE IF NOT EXISTS product (
  id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  sku         VARCHAR(32) NOT NULL,
  title       VARCHAR(255) NOT NULL,
  price       DECIMAL(19, 2) NOT NULL DEFAULT 0,
  in_stock    BOOLEAN NOT NULL DEFAULT FALSE,
  created_on  TIMESTAMP DEFAULT CURRENT_TIMESTAMP,
  CONSTRAINT uq_product_sku UNIQUE (sku),
  CONSTRAINT ck_product_price CHECK (price >= 0)
);
CREATE TABLE IF NOT EXISTS stock (
  sku      VARCHAR(32) PRIMARY KEY,
  quantity INT NOT NULL
);
INSERT INTO product (sku, title, price) VALUES
  ('A-1', 'Pencil', 0.99),
  ('A-2', 'Pen', 2.49),
  ('B-1', 'Notebook "A5"', 4.00);
INSERT INTO stock VALUES ('A-1', 10), ('B-1', 0);

CREATE VIEW product_stock AS
  SELECT p.sku, p.title, COALESCE(s.quantity, 0) AS quantity
  FROM product p LEFT JOIN stock s ON s.sku = p.sku;
CREATE OR REPLACE VIEW product_stock AS
  SELECT p.sku, p.title, COALESCE(s.quantity, 0) AS quantity, p.price
  FROM product p LEFT JOIN stock s ON s.sku = p.sku;
SELECT * FROM product_stock WHERE quantity > 0;

UPDATE product SET in_stock = TRUE WHERE sku IN (SELECT sku FROM stock WHERE quantity > 0);
UPDATE product p SET price = price * 1.1 WHERE EXISTS (SELECT 1 FROM stock s WHERE s.sku = p.sku);
DELETE FROM stock WHERE EXISTS (SELECT 1 FROM product p WHERE p.sku = stock.sku AND NOT p.in_stock);

MERGE INTO stock s
USING product p ON s.sku = p.sku
WHEN MATCHED THEN UPDATE SET quantity = s.quantity + 1
WHEN NOT MATCHED THEN INSERT (sku, quantity) VALUES (p.sku, 1);

CREATE SEQUENCE order_number_seq START WITH 100 INCREMENT BY 10;
SELECT NEXT VALUE FOR order_number_seq;
CREATE TABLE purchase (
  id      BIGINT PRIMARY KEY,
  product BIGINT REFERENCES product (id),
  placed  TIMESTAMP
);
INSERT INTO purchase (id, product, placed) SELECT NEXT VALUE FOR order_number_seq, id, CURRENT_TIMESTAMP FROM product;
ALTER TABLE purchase ADD COLUMN note VARCHAR(100) DEFAULT 'none';
ALTER TABLE purchase ALTER COLUMN note SET DEFAULT 'n/a';
ALTER TABLE purchase ADD CONSTRAINT fk_purchase_product FOREIGN KEY (product) REFERENCES product (id) ON DELETE CASCADE;
ALTER TABLE purchase DROP CONSTRAINT fk_purchase_product;
ALTER TABLE purchase RENAME COLUMN note TO remark;
ALTER TABLE purchase ALTER COLUMN remark VARCHAR(200);
ALTER TABLE purchase ALTER COLUMN remark TYPE VARCHAR(300);
-- MySQL's MODIFY COLUMN: not supported, ALTER COLUMN is
-- error: 42000
ALTER TABLE purchase MODIFY COLUMN remark VARCHAR(400);
CREATE INDEX ix_purchase_placed ON purchase (placed DESC);
DROP INDEX IF EXISTS ix_purchase_placed;
DROP VIEW IF EXISTS product_stock;
DROP SEQUENCE IF EXISTS order_number_seq;
SELECT p.title, CASE WHEN p.price > 3 THEN 'dear' ELSE 'cheap' END AS band,
       UPPER(p.sku), LOWER(p.title), LENGTH(p.title), SUBSTRING(p.title, 1, 3), TRIM(' x '),
       CONCAT(p.sku, '-', p.title), p.sku || '/' || p.title, ROUND(p.price, 1), ABS(-1), MOD(7, 3)
FROM product p ORDER BY p.id;
SELECT CURRENT_DATE, CURRENT_TIMESTAMP, LOCALTIMESTAMP, NOW();
SELECT EXTRACT(YEAR FROM created_on), YEAR(created_on) FROM product;
-- H2's DATEADD: not supported, TIMESTAMPADD and interval arithmetic are
-- error: 42704
SELECT DATEADD('DAY', 1, created_on) FROM product;
SELECT TIMESTAMPADD(DAY, 1, created_on), created_on + INTERVAL '1' DAY FROM product;
SELECT TRUE, FALSE, NULL, 1.5e3, -0.25;
VALUES (1, 'a'), (2, 'b');
SELECT 1;
-- no DUAL table
-- error: 42S02
SELECT 1 FROM DUAL;
-- UUID keys: foreign keys and joins on them (a merge join on UUIDs did not compile)
CREATE TABLE document (id UUID PRIMARY KEY, title VARCHAR(100));
CREATE TABLE document_tag (document_id UUID NOT NULL, tag VARCHAR(20));
INSERT INTO document VALUES ('7d444840-9dc0-11d1-b245-5ffdce74fad2', 'spec');
INSERT INTO document_tag VALUES ('7d444840-9dc0-11d1-b245-5ffdce74fad2', 'draft');
ALTER TABLE document_tag ADD CONSTRAINT fk_document_tag FOREIGN KEY (document_id) REFERENCES document (id);
-- rows: spec|draft|7d444840-9dc0-11d1-b245-5ffdce74fad2
SELECT d.title, t.tag, CAST(d.id AS VARCHAR) FROM document d JOIN document_tag t ON t.document_id = d.id;
-- a sequence as a column default, both spellings
CREATE SEQUENCE ticket_seq;
CREATE TABLE ticket (id BIGINT DEFAULT NEXT VALUE FOR ticket_seq PRIMARY KEY, other BIGINT DEFAULT nextval('ticket_seq'));
INSERT INTO ticket (other) VALUES (DEFAULT);
-- INSERT ... DEFAULT VALUES is not supported; VALUES (DEFAULT) is
-- error: 42000
INSERT INTO ticket DEFAULT VALUES;
SELECT COUNT(*) FROM ticket WHERE id IS NOT NULL AND other > id;
