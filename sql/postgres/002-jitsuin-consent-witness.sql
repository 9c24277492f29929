-- jitsuin stores, schema version 2: consent use counts and withdrawals (spec/stores.md §7),
-- the witness state (§8)
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

-- Witness state: the latest cosigned checkpoint per log origin, swapped by UPDATE ... WHERE the
-- expected size and root still hold; the first one by INSERT under the primary key.
CREATE TABLE jitsuin_witness_state (
  origin text PRIMARY KEY,
  size bigint NOT NULL CHECK (size >= 0),
  root_hash text NOT NULL CHECK (root_hash ~ '^[0-9a-f]{64}$')
);

UPDATE jitsuin_schema SET version = 2 WHERE id = 1;
