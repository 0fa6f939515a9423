-- MERGE as seed and upgrade scripts use it: from tables, views, queries and VALUES, with both
-- branches or only "insert what is missing".
CREATE TABLE stock (sku VARCHAR(5) PRIMARY KEY, quantity INT NOT NULL);
CREATE TABLE product (id INT PRIMARY KEY, sku VARCHAR(5) NOT NULL);
INSERT INTO product VALUES (1, 'a'), (2, 'b');
INSERT INTO stock VALUES ('a', 1);
-- a one-column query as the source (inserted the target's NULL key before)
MERGE INTO stock s USING (SELECT sku FROM product) p ON s.sku = p.sku
WHEN MATCHED THEN UPDATE SET quantity = s.quantity + 1
WHEN NOT MATCHED THEN INSERT (sku, quantity) VALUES (p.sku, 1);
-- rows: a|2; b|1
SELECT sku, quantity FROM stock ORDER BY sku;
MERGE INTO stock s USING (SELECT 'c' AS sku) p ON s.sku = p.sku
WHEN MATCHED THEN UPDATE SET quantity = s.quantity + 1
WHEN NOT MATCHED THEN INSERT (sku, quantity) VALUES (p.sku, 1);
MERGE INTO stock s USING (VALUES ('d', 5)) AS p (sku, q) ON s.sku = p.sku
WHEN MATCHED THEN UPDATE SET quantity = p.q
WHEN NOT MATCHED THEN INSERT VALUES (p.sku, p.q);
-- rows: a|2; b|1; c|1; d|5
SELECT sku, quantity FROM stock ORDER BY sku;
-- only WHEN NOT MATCHED: matched rows are left alone (they were inserted again before)
MERGE INTO stock s USING (SELECT sku FROM product) p ON s.sku = p.sku
WHEN NOT MATCHED THEN INSERT (sku, quantity) VALUES (p.sku, 1);
MERGE INTO stock s USING (VALUES ('e', 5), ('a', 9)) AS p (sku, q) ON s.sku = p.sku
WHEN NOT MATCHED THEN INSERT VALUES (p.sku, p.q);
-- rows: a|2; b|1; c|1; d|5; e|5
SELECT sku, quantity FROM stock ORDER BY sku;
CREATE VIEW product_sku AS SELECT sku FROM product;
INSERT INTO product VALUES (3, 'f');
MERGE INTO stock s USING product_sku p ON s.sku = p.sku
WHEN MATCHED THEN UPDATE SET quantity = s.quantity + 10
WHEN NOT MATCHED THEN INSERT (sku, quantity) VALUES (p.sku, 1);
MERGE INTO stock USING product ON stock.sku = product.sku
WHEN MATCHED THEN UPDATE SET quantity = stock.quantity + 100
WHEN NOT MATCHED THEN INSERT (sku, quantity) VALUES (product.sku, 1);
-- rows: a|112; b|111; c|1; d|5; e|5; f|101
SELECT sku, quantity FROM stock ORDER BY sku;
MERGE INTO stock s USING (SELECT sku, id FROM product) p ON s.sku = p.sku
WHEN MATCHED THEN UPDATE SET quantity = p.id
WHEN NOT MATCHED THEN INSERT (sku, quantity) VALUES (p.sku, p.id);
-- rows: a|1; b|2; c|1; d|5; e|5; f|3
SELECT sku, quantity FROM stock ORDER BY sku;
-- error: 21000
MERGE INTO stock s USING (VALUES ('a'), ('a')) AS p (sku) ON s.sku = p.sku
WHEN MATCHED THEN UPDATE SET quantity = 0;
