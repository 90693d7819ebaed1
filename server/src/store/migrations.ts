/**
 * Versioned schema migrations. Each entry moves the database from version i to i + 1
 * (tracked in SQLite's user_version). Never edit a shipped entry; append a new one.
 */
export const migrations: readonly string[] = [
  `
  CREATE TABLE accounts (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    visit_gap_ms INTEGER NOT NULL DEFAULT 1800000,
    created_at INTEGER NOT NULL
  );
  CREATE TABLE sites (
    id INTEGER PRIMARY KEY,
    account_id INTEGER NOT NULL REFERENCES accounts(id),
    name TEXT NOT NULL,
    site_key TEXT NOT NULL UNIQUE,
    allowed_origins TEXT NOT NULL DEFAULT '[]',
    created_at INTEGER NOT NULL
  );
  CREATE TABLE operators (
    id INTEGER PRIMARY KEY,
    account_id INTEGER NOT NULL REFERENCES accounts(id),
    email TEXT NOT NULL UNIQUE COLLATE NOCASE,
    name TEXT NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('operator', 'admin')),
    password_hash TEXT NOT NULL,
    created_at INTEGER NOT NULL
  );
  CREATE TABLE operator_sessions (
    token_hash TEXT PRIMARY KEY,
    operator_id INTEGER NOT NULL REFERENCES operators(id) ON DELETE CASCADE,
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL
  );
  CREATE TABLE visitors (
    id INTEGER PRIMARY KEY,
    site_id INTEGER NOT NULL REFERENCES sites(id),
    token_hash TEXT NOT NULL UNIQUE,
    name TEXT,
    email TEXT,
    created_at INTEGER NOT NULL,
    last_seen_at INTEGER NOT NULL
  );
  CREATE TABLE visits (
    id INTEGER PRIMARY KEY,
    visitor_id INTEGER NOT NULL REFERENCES visitors(id),
    number INTEGER NOT NULL,
    started_at INTEGER NOT NULL,
    last_activity_at INTEGER NOT NULL
  );
  CREATE INDEX visits_by_visitor ON visits(visitor_id, id);
  CREATE TABLE page_views (
    id INTEGER PRIMARY KEY,
    visitor_id INTEGER NOT NULL REFERENCES visitors(id),
    visit_id INTEGER NOT NULL REFERENCES visits(id),
    url TEXT NOT NULL,
    title TEXT NOT NULL,
    referrer TEXT NOT NULL,
    language TEXT NOT NULL,
    time_zone TEXT NOT NULL,
    device TEXT NOT NULL,
    at INTEGER NOT NULL
  );
  CREATE INDEX page_views_by_visitor ON page_views(visitor_id, id);
  CREATE TABLE conversations (
    id INTEGER PRIMARY KEY,
    account_id INTEGER NOT NULL REFERENCES accounts(id),
    site_id INTEGER NOT NULL REFERENCES sites(id),
    visitor_id INTEGER NOT NULL REFERENCES visitors(id),
    status TEXT NOT NULL CHECK (status IN ('waiting', 'active', 'ended')),
    operator_id INTEGER REFERENCES operators(id),
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    ended_at INTEGER
  );
  CREATE INDEX conversations_by_visitor ON conversations(visitor_id, id);
  CREATE INDEX conversations_by_status ON conversations(account_id, status);
  CREATE TABLE messages (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    conversation_id INTEGER NOT NULL REFERENCES conversations(id),
    account_id INTEGER NOT NULL,
    visitor_id INTEGER NOT NULL,
    client_id TEXT,
    kind TEXT NOT NULL CHECK (kind IN ('text', 'event')),
    event TEXT,
    author TEXT NOT NULL CHECK (author IN ('visitor', 'operator', 'system')),
    author_id INTEGER,
    author_name TEXT NOT NULL,
    text TEXT NOT NULL,
    created_at INTEGER NOT NULL
  );
  CREATE UNIQUE INDEX messages_idempotency ON messages(author, author_id, client_id) WHERE client_id IS NOT NULL;
  CREATE INDEX messages_by_conversation ON messages(conversation_id, id);
  CREATE INDEX messages_by_account ON messages(account_id, id);
  CREATE INDEX messages_by_visitor ON messages(visitor_id, id);
  `,
  // 2: proactive messages, their deliveries, account business hours, soft-deleted sites and operators.
  `
  ALTER TABLE accounts ADD COLUMN business_hours TEXT;
  ALTER TABLE sites ADD COLUMN default_sender_id INTEGER REFERENCES operators(id);
  ALTER TABLE sites ADD COLUMN deleted_at INTEGER;
  ALTER TABLE operators ADD COLUMN deleted_at INTEGER;
  ALTER TABLE visitors ADD COLUMN attributes TEXT NOT NULL DEFAULT '{}';
  CREATE TABLE proactive_messages (
    id INTEGER PRIMARY KEY,
    account_id INTEGER NOT NULL REFERENCES accounts(id),
    site_id INTEGER NOT NULL REFERENCES sites(id),
    sender_id INTEGER REFERENCES operators(id),
    name TEXT NOT NULL,
    text TEXT NOT NULL,
    capture TEXT NOT NULL CHECK (capture IN ('none', 'name', 'email', 'nameEmail')),
    follow_up TEXT NOT NULL,
    tags TEXT NOT NULL,
    rules TEXT NOT NULL,
    schedule TEXT NOT NULL CHECK (schedule IN ('always', 'inHours', 'outOfHours')),
    frequency TEXT NOT NULL CHECK (frequency IN ('once', 'oncePerVisit', 'everyTime')),
    position INTEGER NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('draft', 'live', 'paused', 'error')),
    error TEXT,
    sent INTEGER NOT NULL DEFAULT 0,
    read INTEGER NOT NULL DEFAULT 0,
    replied INTEGER NOT NULL DEFAULT 0,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
  );
  CREATE INDEX proactive_by_account ON proactive_messages(account_id, position);
  CREATE TABLE proactive_deliveries (
    id INTEGER PRIMARY KEY,
    message_id INTEGER NOT NULL REFERENCES proactive_messages(id) ON DELETE CASCADE,
    visitor_id INTEGER NOT NULL REFERENCES visitors(id),
    visit_id INTEGER NOT NULL REFERENCES visits(id),
    page_view_id INTEGER NOT NULL REFERENCES page_views(id),
    at INTEGER NOT NULL,
    read_at INTEGER,
    replied_at INTEGER
  );
  CREATE INDEX deliveries_by_visitor ON proactive_deliveries(visitor_id, message_id);
  ALTER TABLE conversations ADD COLUMN proactive_id INTEGER;
  ALTER TABLE conversations ADD COLUMN proactive_name TEXT;
  ALTER TABLE conversations ADD COLUMN tags TEXT NOT NULL DEFAULT '[]';
  `,
  // 3: availability: account settings, operator status and capacity, blocked visitors, the queue
  // and automatic-message state of conversations, automatic and operators-only messages, uploaded files.
  `
  ALTER TABLE accounts ADD COLUMN availability TEXT;
  ALTER TABLE operators ADD COLUMN status TEXT NOT NULL DEFAULT 'online' CHECK (status IN ('online', 'break', 'meal', 'offline'));
  ALTER TABLE operators ADD COLUMN capacity INTEGER NOT NULL DEFAULT 5;
  ALTER TABLE operators ADD COLUMN last_assigned_at INTEGER;
  ALTER TABLE visitors ADD COLUMN blocked_at INTEGER;
  ALTER TABLE conversations ADD COLUMN admitted INTEGER NOT NULL DEFAULT 1;
  ALTER TABLE conversations ADD COLUMN hold TEXT;
  ALTER TABLE conversations ADD COLUMN locale TEXT NOT NULL DEFAULT 'en';
  ALTER TABLE conversations ADD COLUMN category TEXT;
  ALTER TABLE conversations ADD COLUMN division TEXT;
  ALTER TABLE conversations ADD COLUMN assigned_at INTEGER;
  ALTER TABLE conversations ADD COLUMN first_reply_at INTEGER;
  ALTER TABLE conversations ADD COLUMN busy_notice_at INTEGER;
  ALTER TABLE conversations ADD COLUMN queue_notice_sent INTEGER NOT NULL DEFAULT 0;
  ALTER TABLE conversations ADD COLUMN greeted INTEGER NOT NULL DEFAULT 0;
  CREATE INDEX conversations_open_by_operator ON conversations(operator_id, status);
  CREATE INDEX conversations_cap ON conversations(account_id, status, admitted, created_at);
  ALTER TABLE messages ADD COLUMN automatic TEXT;
  ALTER TABLE messages ADD COLUMN internal INTEGER NOT NULL DEFAULT 0;
  ALTER TABLE messages ADD COLUMN extras TEXT;
  CREATE TABLE files (
    id INTEGER PRIMARY KEY,
    account_id INTEGER NOT NULL REFERENCES accounts(id),
    key TEXT NOT NULL UNIQUE,
    type TEXT NOT NULL,
    size INTEGER NOT NULL,
    name TEXT NOT NULL,
    created_at INTEGER NOT NULL
  );
  `,
  // 4: the operator workspace: departments, invited operators, transfers, who ended a chat,
  // contact details, canned responses, helpdesk teams, tickets, leads and webhooks.
  `
  CREATE TABLE departments (
    id INTEGER PRIMARY KEY,
    account_id INTEGER NOT NULL REFERENCES accounts(id),
    name TEXT NOT NULL COLLATE NOCASE,
    created_at INTEGER NOT NULL,
    UNIQUE (account_id, name)
  );
  CREATE TABLE department_members (
    department_id INTEGER NOT NULL REFERENCES departments(id) ON DELETE CASCADE,
    operator_id INTEGER NOT NULL REFERENCES operators(id),
    PRIMARY KEY (department_id, operator_id)
  );
  ALTER TABLE conversations ADD COLUMN department_id INTEGER REFERENCES departments(id) ON DELETE SET NULL;
  ALTER TABLE conversations ADD COLUMN queued_at INTEGER;
  UPDATE conversations SET queued_at = created_at;
  ALTER TABLE conversations ADD COLUMN ended_by TEXT;
  ALTER TABLE conversations ADD COLUMN passed_by INTEGER;
  CREATE TABLE conversation_guests (
    conversation_id INTEGER NOT NULL REFERENCES conversations(id),
    operator_id INTEGER NOT NULL REFERENCES operators(id),
    joined_at INTEGER NOT NULL,
    PRIMARY KEY (conversation_id, operator_id)
  );
  ALTER TABLE visitors ADD COLUMN phone TEXT;
  ALTER TABLE visitors ADD COLUMN notes TEXT NOT NULL DEFAULT '';
  CREATE TABLE canned_responses (
    id INTEGER PRIMARY KEY,
    account_id INTEGER NOT NULL REFERENCES accounts(id),
    shortcut TEXT NOT NULL COLLATE NOCASE,
    text TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    UNIQUE (account_id, shortcut)
  );
  CREATE TABLE helpdesk_teams (
    id INTEGER PRIMARY KEY,
    account_id INTEGER NOT NULL REFERENCES accounts(id),
    name TEXT NOT NULL,
    priority INTEGER NOT NULL,
    default_assignee_id INTEGER REFERENCES operators(id),
    created_at INTEGER NOT NULL
  );
  CREATE TABLE tickets (
    id INTEGER PRIMARY KEY,
    account_id INTEGER NOT NULL REFERENCES accounts(id),
    number INTEGER NOT NULL,
    title TEXT NOT NULL,
    description TEXT NOT NULL,
    team_id INTEGER,
    team_name TEXT,
    assignee_id INTEGER,
    conversation_id INTEGER REFERENCES conversations(id),
    visitor_id INTEGER REFERENCES visitors(id),
    created_by INTEGER REFERENCES operators(id),
    created_at INTEGER NOT NULL,
    UNIQUE (account_id, number)
  );
  CREATE TABLE leads (
    id INTEGER PRIMARY KEY,
    account_id INTEGER NOT NULL REFERENCES accounts(id),
    number INTEGER NOT NULL,
    name TEXT NOT NULL,
    notes TEXT NOT NULL,
    source TEXT NOT NULL,
    email TEXT,
    phone TEXT,
    conversation_id INTEGER REFERENCES conversations(id),
    visitor_id INTEGER REFERENCES visitors(id),
    created_by INTEGER REFERENCES operators(id),
    created_at INTEGER NOT NULL,
    UNIQUE (account_id, number)
  );
  CREATE TABLE webhooks (
    id INTEGER PRIMARY KEY,
    account_id INTEGER NOT NULL REFERENCES accounts(id),
    url TEXT NOT NULL,
    secret TEXT NOT NULL,
    events TEXT NOT NULL,
    created_at INTEGER NOT NULL
  );
  `,
  // 5: files sent in chats (a visitor's uploads are theirs alone to send) and chat ratings.
  `
  ALTER TABLE files ADD COLUMN visitor_id INTEGER REFERENCES visitors(id);
  ALTER TABLE conversations ADD COLUMN rating TEXT CHECK (rating IN ('good', 'bad'));
  ALTER TABLE conversations ADD COLUMN rating_comment TEXT;
  ALTER TABLE conversations ADD COLUMN rated_at INTEGER;
  ALTER TABLE conversations ADD COLUMN rating_requested_at INTEGER;
  `,
  // 6: team chat: the account's channels and operators' direct chats, their messages, and what each operator has read.
  `
  CREATE TABLE team_channels (
    id INTEGER PRIMARY KEY,
    account_id INTEGER NOT NULL REFERENCES accounts(id),
    kind TEXT NOT NULL CHECK (kind IN ('channel', 'direct')),
    name TEXT,
    operator_a INTEGER REFERENCES operators(id),
    operator_b INTEGER REFERENCES operators(id),
    created_by INTEGER REFERENCES operators(id),
    created_at INTEGER NOT NULL,
    CHECK ((kind = 'channel' AND name IS NOT NULL AND operator_a IS NULL) OR (kind = 'direct' AND name IS NULL AND operator_a < operator_b)),
    UNIQUE (account_id, name),
    UNIQUE (account_id, operator_a, operator_b)
  );
  CREATE TABLE team_messages (
    id INTEGER PRIMARY KEY,
    channel_id INTEGER NOT NULL REFERENCES team_channels(id),
    author_id INTEGER NOT NULL REFERENCES operators(id),
    client_id TEXT NOT NULL,
    text TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    UNIQUE (author_id, client_id)
  );
  CREATE INDEX team_messages_by_channel ON team_messages (channel_id, id);
  CREATE TABLE team_reads (
    channel_id INTEGER NOT NULL REFERENCES team_channels(id),
    operator_id INTEGER NOT NULL REFERENCES operators(id),
    last_read_id INTEGER NOT NULL,
    PRIMARY KEY (channel_id, operator_id)
  );
  INSERT INTO team_channels (account_id, kind, name, created_at) SELECT id, 'channel', 'general', created_at FROM accounts;
  `,
  // 7: @mentions, kept until the one mentioned reads them: where (a team channel or direct chat, or a
  // visitor's chat), which message (of team_messages or of messages, by where), and the start of it.
  `
  CREATE TABLE team_mentions (
    id INTEGER PRIMARY KEY,
    account_id INTEGER NOT NULL REFERENCES accounts(id),
    operator_id INTEGER NOT NULL REFERENCES operators(id),
    from_id INTEGER NOT NULL REFERENCES operators(id),
    channel_id INTEGER REFERENCES team_channels(id),
    conversation_id INTEGER REFERENCES conversations(id),
    message_id INTEGER NOT NULL,
    excerpt TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    read_at INTEGER,
    CHECK ((channel_id IS NULL) <> (conversation_id IS NULL))
  );
  CREATE INDEX team_mentions_unread ON team_mentions (operator_id, id) WHERE read_at IS NULL;
  `,
];
