-- A pet clinic schema the way H2 users write it: AUTO_INCREMENT keys, IF NOT EXISTS everywhere,
-- foreign keys added after the tables.
DROP TABLE IF EXISTS vet_specialties CASCADE;
DROP TABLE IF EXISTS visits CASCADE;

CREATE TABLE IF NOT EXISTS vets (
  id         INT AUTO_INCREMENT PRIMARY KEY,
  first_name VARCHAR(30),
  last_name  VARCHAR(30)
);
CREATE INDEX IF NOT EXISTS vets_last_name ON vets (last_name);

CREATE TABLE IF NOT EXISTS specialties (
  id   INT AUTO_INCREMENT PRIMARY KEY,
  name VARCHAR(80)
);
CREATE INDEX IF NOT EXISTS specialties_name ON specialties (name);

CREATE TABLE IF NOT EXISTS vet_specialties (
  vet_id       INT NOT NULL,
  specialty_id INT NOT NULL
);
ALTER TABLE vet_specialties ADD CONSTRAINT fk_vet_specialties_vets FOREIGN KEY (vet_id) REFERENCES vets (id);
ALTER TABLE vet_specialties ADD CONSTRAINT fk_vet_specialties_specialties FOREIGN KEY (specialty_id) REFERENCES specialties (id);

CREATE TABLE IF NOT EXISTS types (
  id   INT AUTO_INCREMENT PRIMARY KEY,
  name VARCHAR(80)
);
CREATE INDEX IF NOT EXISTS types_name ON types (name);

CREATE TABLE IF NOT EXISTS owners (
  id         INT AUTO_INCREMENT PRIMARY KEY,
  first_name VARCHAR(30),
  last_name  VARCHAR(30),
  address    VARCHAR(255),
  city       VARCHAR(80),
  telephone  VARCHAR(20)
);
CREATE INDEX IF NOT EXISTS owners_last_name ON owners (last_name);

CREATE TABLE IF NOT EXISTS pets (
  id         INT AUTO_INCREMENT PRIMARY KEY,
  name       VARCHAR(30),
  birth_date DATE,
  type_id    INT NOT NULL,
  owner_id   INT
);
ALTER TABLE pets ADD CONSTRAINT fk_pets_owners FOREIGN KEY (owner_id) REFERENCES owners (id);
ALTER TABLE pets ADD CONSTRAINT fk_pets_types FOREIGN KEY (type_id) REFERENCES types (id);
CREATE INDEX IF NOT EXISTS pets_name ON pets (name);

CREATE TABLE IF NOT EXISTS visits (
  id          INT AUTO_INCREMENT PRIMARY KEY,
  pet_id      INT,
  visit_date  DATE,
  description VARCHAR(255)
);
ALTER TABLE visits ADD CONSTRAINT fk_visits_pets FOREIGN KEY (pet_id) REFERENCES pets (id) ON DELETE CASCADE;
CREATE INDEX IF NOT EXISTS visits_pet_id ON visits (pet_id);

INSERT INTO vets VALUES (default, 'James', 'Carter');
INSERT INTO vets VALUES (default, 'Helen', 'Leary');
INSERT INTO vets (first_name, last_name) VALUES ('Linda', 'Douglas'), ('Rafael', 'Ortega'), ('Henry', 'Stevens');

INSERT INTO specialties VALUES (default, 'radiology');
INSERT INTO specialties VALUES (default, 'surgery');
INSERT INTO specialties VALUES (default, 'dentistry');

INSERT INTO vet_specialties VALUES (2, 1);
INSERT INTO vet_specialties VALUES (3, 2), (3, 3), (4, 2), (5, 1);

INSERT INTO types VALUES (default, 'cat'), (default, 'dog'), (default, 'lizard'), (default, 'snake'), (default, 'bird'), (default, 'hamster');

INSERT INTO owners VALUES (default, 'George', 'Franklin', '110 W. Liberty St.', 'Madison', '6085551023');
INSERT INTO owners VALUES (default, 'Betty', 'Davis', '638 Cardinal Ave.', 'Sun Prairie', '6085551749');
INSERT INTO owners VALUES (default, 'Eduardo', 'Rodriquez', '2693 Commerce St.', 'McFarland', '6085558763');
INSERT INTO owners VALUES (default, 'Peter', 'O''Brien', '563 Friendly St.', 'Windsor', '6085553198');

INSERT INTO pets VALUES (default, 'Leo', '2010-09-07', 1, 1);
INSERT INTO pets VALUES (default, 'Basil', '2012-08-06', 6, 2);
INSERT INTO pets VALUES (default, 'Rosy', DATE '2011-04-17', 2, 3);
INSERT INTO pets VALUES (default, 'Jewel', '2010-03-07', 2, 3);

INSERT INTO visits VALUES (default, 1, '2013-01-01', 'rabies shot');
INSERT INTO visits VALUES (default, 3, '2013-01-02', 'rabies shot');
INSERT INTO visits VALUES (default, 4, CURRENT_DATE, 'neutered');

SELECT COUNT(*) FROM owners o JOIN pets p ON p.owner_id = o.id WHERE o.last_name LIKE 'Rod%';
DELETE FROM pets WHERE id = 4;
SELECT 1 AS one;
