-- A SCEP profile's certificates may be valid for minutes instead of days where the deployment allows it
-- (stratus.profile.short-validity-allowed: demos and tests), so renewal can be watched. Null: validity_days holds.
ALTER TABLE scep_profile ADD COLUMN validity_minutes INTEGER CHECK (validity_minutes BETWEEN 1 AND 1439);
