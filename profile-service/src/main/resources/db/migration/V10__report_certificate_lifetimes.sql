-- How many certificates of a device's assignment were replaced by a newer one while the row was SUCCEEDED (the
-- device renewed it): the profile report's "superseded" count.
ALTER TABLE device_assignment ADD COLUMN superseded INTEGER NOT NULL DEFAULT 0;
