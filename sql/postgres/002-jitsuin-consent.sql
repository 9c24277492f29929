-- jitsuin stores, schema version 2: consent use counts and withdrawals (spec/stores.md §7)
-- Use counts: one row per (consent, transfer); INSERT ... ON CONFLICT DO UPDATE ... WHERE uses < limit
-- takes the row lock, so concurrent consumes never pass the limit. Kept with no expiry.
CREATE TABLE jitsuin_consent_use (
  use_key text PRIMARY KEY,
  uses integer NOT NULL CHECK (uses >= 1)
);

-- Withdrawals: the first one of a consent wins (primary key, ON CONFLICT DO NOTHING); never deleted.
CREATE TABLE jitsuin_consent_withdrawal (
  consent_id text PRIMARY KEY,
  withdrawn_at bigint NOT NULL CHECK (withdrawn_at >= 0)
);

UPDATE jitsuin_schema SET version = 2 WHERE id = 1;
