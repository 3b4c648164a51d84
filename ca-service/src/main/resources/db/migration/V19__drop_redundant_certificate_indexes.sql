-- Three indexes of issued_certificate that no query uses since the inventory search (V18): subject_dn alone (every
-- subject search is per tenant, issued_certificate_subject_prefix_idx), not_after alone (the expiry announcements
-- use issued_certificate_expiry_due_idx, searches by expiry walk the tenant's inventory order) and status alone (two
-- values, never selective). Each cost a B-tree insert per certificate and about 30 bytes per row.
DROP INDEX IF EXISTS issued_certificate_subject_idx;
DROP INDEX IF EXISTS issued_certificate_not_after_idx;
DROP INDEX IF EXISTS issued_certificate_status_idx;
