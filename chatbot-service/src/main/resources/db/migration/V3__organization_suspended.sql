-- An operator's suspension of an organization (org.update with status suspended): its widget stops answering.
alter table organization_plan add column suspended boolean not null default false;
