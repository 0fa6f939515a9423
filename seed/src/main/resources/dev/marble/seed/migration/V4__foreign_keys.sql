-- Foreign keys between the shop's tables and from the documents to their customers. ADD FOREIGN
-- KEY checks the rows already there, and indexes the referencing columns unless an index
-- already starts with them (orders_customer, documents_customer, order_items' primary key).

ALTER TABLE products ADD CONSTRAINT products_category_fk
  FOREIGN KEY (category_id) REFERENCES categories (id);

ALTER TABLE orders ADD CONSTRAINT orders_customer_fk
  FOREIGN KEY (customer_id) REFERENCES customers (id);

ALTER TABLE order_items ADD CONSTRAINT order_items_order_fk
  FOREIGN KEY (order_id) REFERENCES orders (id) ON DELETE CASCADE;

ALTER TABLE order_items ADD CONSTRAINT order_items_product_fk
  FOREIGN KEY (product_id) REFERENCES products (id);

ALTER TABLE documents ADD CONSTRAINT documents_customer_fk
  FOREIGN KEY (customer_id) REFERENCES customers (id);
