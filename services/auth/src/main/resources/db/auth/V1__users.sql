CREATE TABLE users (
    id            uuid        PRIMARY KEY,
    email         text        NOT NULL,
    password_hash text        NOT NULL,
    created_at    timestamptz NOT NULL DEFAULT now()
);

-- One account per address, whatever its case, even when two sign-ups race.
CREATE UNIQUE INDEX users_email_unique ON users (lower(email));
