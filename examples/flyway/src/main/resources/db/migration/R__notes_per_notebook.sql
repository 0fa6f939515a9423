-- Repeatable: applied again whenever this file changes.
CREATE OR REPLACE VIEW notes_per_notebook AS
  SELECT b.name, COUNT(n.id) AS notes
  FROM notebook b LEFT JOIN note n ON n.notebook_id = b.id
  GROUP BY b.name;
