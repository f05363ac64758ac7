-- HSDS 3's status of a service (only an active one is suggested) and how to take part.
ALTER TABLE directory_services ADD COLUMN status TEXT NOT NULL DEFAULT 'active';
ALTER TABLE directory_services ADD COLUMN application_process TEXT NOT NULL DEFAULT '';
