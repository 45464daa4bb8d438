-- The language the member registered in: their messages are written in it.
alter table member add column language varchar(2) not null default 'ru';
