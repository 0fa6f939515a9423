ALTER TABLE note ADD COLUMN created_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP NOT NULL;
CREATE INDEX note_notebook_created ON note (notebook_id, created_at);
