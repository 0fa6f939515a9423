-- The demo database bin/marble opens on first start: a small shop. Foreign keys are added by
-- V4, once the documents (V3) exist too; CHECK, UNIQUE and NOT NULL constraints are here.

CREATE TABLE customers (
  id        INT PRIMARY KEY,
  email     VARCHAR(120) NOT NULL UNIQUE,
  name      VARCHAR(100) NOT NULL,
  country   CHAR(2) NOT NULL,
  joined_on DATE NOT NULL
);

CREATE TABLE categories (
  id   INT PRIMARY KEY,
  name VARCHAR(50) NOT NULL UNIQUE
);

CREATE TABLE products (
  id          INT PRIMARY KEY,
  sku         VARCHAR(20) NOT NULL UNIQUE,
  name        VARCHAR(100) NOT NULL,
  category_id INT NOT NULL,
  price       DECIMAL(10, 2) NOT NULL CHECK (price > 0),
  stock       INT DEFAULT 0 NOT NULL CHECK (stock >= 0)
);

CREATE TABLE orders (
  id          INT PRIMARY KEY,
  customer_id INT NOT NULL,
  ordered_at  TIMESTAMP NOT NULL,
  status      VARCHAR(10) NOT NULL,
  CONSTRAINT orders_status CHECK (status IN ('NEW', 'PAID', 'SHIPPED', 'CANCELLED'))
);

CREATE TABLE order_items (
  order_id   INT NOT NULL,
  line_no    INT NOT NULL,
  product_id INT NOT NULL,
  quantity   INT NOT NULL CHECK (quantity > 0),
  unit_price DECIMAL(10, 2) NOT NULL CHECK (unit_price >= 0),
  PRIMARY KEY (order_id, line_no)
);

CREATE INDEX products_category ON products (category_id);
CREATE INDEX orders_customer ON orders (customer_id, ordered_at);
CREATE INDEX order_items_product ON order_items (product_id);

-- One row per order: who ordered, its state, how many lines and what it costs.
CREATE VIEW order_totals AS
  SELECT o.id AS order_id, c.name AS customer, o.status, o.ordered_at,
         COUNT(*) AS lines, SUM(i.quantity * i.unit_price) AS total
  FROM orders o
  JOIN customers c ON c.id = o.customer_id
  JOIN order_items i ON i.order_id = o.id
  GROUP BY o.id, c.name, o.status, o.ordered_at;
