-- StackOne's clients read a connect session's id as a number: a sequence number beside the internal uuid.
alter table connect_session add column number bigint generated always as identity;
alter table connect_session add constraint connect_session_number_unique unique (number);
