-- jitsuin stores, schema version 1 (spec/stores.md)
CREATE TABLE jitsuin_schema (
  id integer PRIMARY KEY CHECK (id = 1),
  version integer NOT NULL
);

-- Login and enrollment challenges: single use by UPDATE ... WHERE NOT consumed RETURNING.
CREATE TABLE jitsuin_single_use (
  kind text NOT NULL,
  value text NOT NULL,
  record text NOT NULL,
  consumed boolean NOT NULL DEFAULT false,
  forget_at bigint NOT NULL,
  PRIMARY KEY (kind, value)
);
CREATE INDEX jitsuin_single_use_forget ON jitsuin_single_use (kind, forget_at);

-- QR login sessions: compare-and-set by UPDATE ... WHERE version = expected.
CREATE TABLE jitsuin_qr_session (
  offer_id text PRIMARY KEY,
  version integer NOT NULL,
  session text NOT NULL,
  forget_at bigint NOT NULL
);
CREATE INDEX jitsuin_qr_session_forget ON jitsuin_qr_session (forget_at);

-- Common codes: each code is assigned once (primary key); several person keys may share one
-- code only through re-binding, which copies an existing row's code.
CREATE TABLE jitsuin_common_code (
  code text PRIMARY KEY CHECK (code ~ '^[0-9a-f]{32}$')
);
CREATE TABLE jitsuin_person_key (
  person_key text PRIMARY KEY CHECK (person_key ~ '^[0-9a-f]{64}$'),
  code text NOT NULL REFERENCES jitsuin_common_code (code)
);

-- J-LIS renewal links: one successor and one predecessor per certificate.
CREATE TABLE jitsuin_renewal_link (
  issuer text NOT NULL,
  old_serial text NOT NULL,
  new_serial text NOT NULL,
  link text NOT NULL,
  PRIMARY KEY (issuer, old_serial),
  UNIQUE (issuer, new_serial)
);

INSERT INTO jitsuin_schema (id, version) VALUES (1, 1);
