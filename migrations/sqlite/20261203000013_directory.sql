-- The local activities directory, imported from an Open Referral UK export (`linkup directory
-- import`): one row a service (its ORUK id), and its service areas, postcodes and taxonomy
-- terms in order. An import replaces a service's child rows when it changes.
CREATE TABLE directory_services (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    organisation TEXT NOT NULL DEFAULT '',
    url TEXT NOT NULL DEFAULT '',
    email TEXT NOT NULL DEFAULT '',
    -- Inclusive; NULL is open.
    minimum_age BIGINT,
    maximum_age BIGINT,
    cost TEXT NOT NULL DEFAULT '',
    free BIGINT NOT NULL DEFAULT 1,
    schedule TEXT NOT NULL DEFAULT '',
    contact TEXT NOT NULL DEFAULT '',
    updated_at BIGINT NOT NULL
);

CREATE TABLE directory_service_areas (
    service_id TEXT NOT NULL REFERENCES directory_services (id) ON DELETE CASCADE,
    position BIGINT NOT NULL,
    name TEXT NOT NULL,
    extent TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (service_id, position)
);

-- A postcode a service is at, and its outward code (district, "M14").
CREATE TABLE directory_locations (
    service_id TEXT NOT NULL REFERENCES directory_services (id) ON DELETE CASCADE,
    position BIGINT NOT NULL,
    postcode TEXT NOT NULL,
    district TEXT NOT NULL,
    PRIMARY KEY (service_id, position)
);
CREATE INDEX directory_locations_by_district ON directory_locations (district);

CREATE TABLE directory_terms (
    service_id TEXT NOT NULL REFERENCES directory_services (id) ON DELETE CASCADE,
    position BIGINT NOT NULL,
    term_id TEXT NOT NULL DEFAULT '',
    code TEXT NOT NULL DEFAULT '',
    name TEXT NOT NULL DEFAULT '',
    vocabulary TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (service_id, position)
);
