-- The public Q&A board («конференция») and the knowledge base (issue 11 §6). The board's own tables; a question turned
-- into a private ticket keeps only the ticket's public id (the ticket is the support desk's).

-- trigram similarity for typos in searches («начесление» finds «начисление»); a trusted extension since PostgreSQL 13
create extension if not exists pg_trgm;

-- The topics the operator keeps questions in.
create table board_topic (
    id       bigint generated always as identity primary key,
    slug     varchar(40)  not null,
    title_ru varchar(100) not null,
    title_en varchar(100) not null,
    position int          not null default 0,
    constraint board_topic_slug_unique unique (slug)
);
insert into board_topic (slug, title_ru, title_en, position) values
    ('points', 'Начисление баллов', 'Earning points', 10),
    ('card', 'Карта и аккаунт', 'Card and account', 20),
    ('partners', 'Партнёры', 'Partners', 30),
    ('catalog', 'Каталог подарков', 'Rewards catalog', 40);

-- Questions and their answers. A member's post waits for an agent (PENDING) until the member has one approved post;
-- an agent may reject it (REJECTED, with a reason the author sees), hide it later (HIDDEN), and a question holding
-- personal data is moved into a private ticket (MOVED).
create table board_post (
    id               bigint generated always as identity primary key,
    public_id        uuid          not null,
    kind             varchar(8)    not null check (kind in ('QUESTION', 'ANSWER')),
    topic_id         bigint references board_topic (id),
    question_id      bigint references board_post (id),
    title            varchar(200),
    -- the Markdown the author wrote, and the HTML it renders to after sanitising (rendered once, on writing)
    body             varchar(10000) not null,
    html             text          not null,
    -- a member, or a support agent (Keycloak subject); the name shown on the board
    author_member_id bigint references member (id),
    author_subject   varchar(64),
    author_name      varchar(200)  not null,
    staff            boolean       not null,
    state            varchar(10)   not null check (state in ('PENDING', 'PUBLISHED', 'REJECTED', 'HIDDEN', 'MOVED')),
    moderation_note  varchar(500),
    moderated_by     varchar(200),
    moderated_at     timestamptz,
    accepted_answer_id bigint references board_post (id),
    -- the private ticket a question was moved into (the support desk's public id and number)
    ticket_id        uuid,
    ticket_number    varchar(20),
    created_at       timestamptz   not null,
    search           tsvector generated always as (
        setweight(to_tsvector('russian', coalesce(title, '')), 'A') || setweight(to_tsvector('russian', body), 'B')) stored,
    constraint board_post_public_unique unique (public_id),
    check ((kind = 'QUESTION' and topic_id is not null and title is not null and question_id is null)
        or (kind = 'ANSWER' and question_id is not null and title is null and accepted_answer_id is null)),
    check ((author_member_id is null) = staff)
);
create index board_post_questions on board_post (topic_id, id desc) where kind = 'QUESTION' and state = 'PUBLISHED';
create index board_post_answers on board_post (question_id, id) where kind = 'ANSWER';
create index board_post_pending on board_post (id) where state = 'PENDING';
create index board_post_author on board_post (author_member_id, id) where author_member_id is not null;
create index board_post_search on board_post using gin (search);
create index board_post_title_trgm on board_post using gin (title gin_trgm_ops) where kind = 'QUESTION';

-- Members whose posts appear at once: an agent approved one of their posts.
create table board_trusted_member (
    member_id   bigint primary key references member (id),
    approved_by varchar(200) not null,
    approved_at timestamptz  not null
);

-- Reports of abuse: one per member and post; an agent settles them by hiding the post or dismissing the reports.
create table board_report (
    id          bigint generated always as identity primary key,
    post_id     bigint        not null references board_post (id),
    member_id   bigint        not null references member (id),
    reason      varchar(500)  not null,
    created_at  timestamptz   not null,
    settled_by  varchar(200),
    settled_at  timestamptz,
    constraint board_report_once unique (post_id, member_id)
);
create index board_report_open on board_report (post_id) where settled_at is null;

-- Knowledge-base articles, written by agents or made from an accepted answer.
create table kb_article (
    id               bigint generated always as identity primary key,
    slug             varchar(80)    not null,
    topic_id         bigint         not null references board_topic (id),
    title            varchar(200)   not null,
    body             varchar(20000) not null,
    html             text           not null,
    published        boolean        not null,
    source_answer_id bigint references board_post (id),
    created_by       varchar(200)   not null,
    created_at       timestamptz    not null,
    updated_by       varchar(200)   not null,
    updated_at       timestamptz    not null,
    search           tsvector generated always as (
        setweight(to_tsvector('russian', title), 'A') || setweight(to_tsvector('russian', body), 'B')) stored,
    constraint kb_article_slug_unique unique (slug)
);
create index kb_article_search on kb_article using gin (search);
create index kb_article_title_trgm on kb_article using gin (title gin_trgm_ops);
