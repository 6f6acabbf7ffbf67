-- Every child-level row belongs to one authority (issue 21): the column
-- la, the GSS code of the authority whose return or file it came from
-- ('' where none was ever given), is added to every table that holds
-- children's records or what was found in them, filled from the table
-- of stored years its rows belong to. The loads tables and the tables
-- of stored years had it already.
--
-- This module runs after every other: a module added later writes la
-- into its own tables.

-- +goose Up
ALTER TABLE header ADD COLUMN la TEXT NOT NULL DEFAULT '';
UPDATE header SET la = COALESCE((SELECT y.la FROM returns y WHERE y.year = header.year), '');
ALTER TABLE episodes ADD COLUMN la TEXT NOT NULL DEFAULT '';
UPDATE episodes SET la = COALESCE((SELECT y.la FROM returns y WHERE y.year = episodes.year), '');
ALTER TABLE reviews ADD COLUMN la TEXT NOT NULL DEFAULT '';
UPDATE reviews SET la = COALESCE((SELECT y.la FROM returns y WHERE y.year = reviews.year), '');
ALTER TABLE uasc ADD COLUMN la TEXT NOT NULL DEFAULT '';
UPDATE uasc SET la = COALESCE((SELECT y.la FROM returns y WHERE y.year = uasc.year), '');
ALTER TABLE oc2 ADD COLUMN la TEXT NOT NULL DEFAULT '';
UPDATE oc2 SET la = COALESCE((SELECT y.la FROM returns y WHERE y.year = oc2.year), '');
ALTER TABLE oc3 ADD COLUMN la TEXT NOT NULL DEFAULT '';
UPDATE oc3 SET la = COALESCE((SELECT y.la FROM returns y WHERE y.year = oc3.year), '');
ALTER TABLE ad1 ADD COLUMN la TEXT NOT NULL DEFAULT '';
UPDATE ad1 SET la = COALESCE((SELECT y.la FROM returns y WHERE y.year = ad1.year), '');
ALTER TABLE placed_adoption ADD COLUMN la TEXT NOT NULL DEFAULT '';
UPDATE placed_adoption SET la = COALESCE((SELECT y.la FROM returns y WHERE y.year = placed_adoption.year), '');
ALTER TABLE prev_perm ADD COLUMN la TEXT NOT NULL DEFAULT '';
UPDATE prev_perm SET la = COALESCE((SELECT y.la FROM returns y WHERE y.year = prev_perm.year), '');
ALTER TABLE missing ADD COLUMN la TEXT NOT NULL DEFAULT '';
UPDATE missing SET la = COALESCE((SELECT y.la FROM returns y WHERE y.year = missing.year), '');
ALTER TABLE sw_episodes ADD COLUMN la TEXT NOT NULL DEFAULT '';
UPDATE sw_episodes SET la = COALESCE((SELECT y.la FROM returns y WHERE y.year = sw_episodes.year), '');
ALTER TABLE dolo ADD COLUMN la TEXT NOT NULL DEFAULT '';
UPDATE dolo SET la = COALESCE((SELECT y.la FROM returns y WHERE y.year = dolo.year), '');
ALTER TABLE failures ADD COLUMN la TEXT NOT NULL DEFAULT '';
UPDATE failures SET la = COALESCE((SELECT y.la FROM returns y WHERE y.year = failures.year), '');
ALTER TABLE skipped_rules ADD COLUMN la TEXT NOT NULL DEFAULT '';
UPDATE skipped_rules SET la = COALESCE((SELECT y.la FROM returns y WHERE y.year = skipped_rules.year), '');
ALTER TABLE cin_header ADD COLUMN la TEXT NOT NULL DEFAULT '';
UPDATE cin_header SET la = COALESCE((SELECT y.la FROM cin_returns y WHERE y.year = cin_header.year), '');
ALTER TABLE cin_child_identifiers ADD COLUMN la TEXT NOT NULL DEFAULT '';
UPDATE cin_child_identifiers SET la = COALESCE((SELECT y.la FROM cin_returns y WHERE y.year = cin_child_identifiers.year), '');
ALTER TABLE cin_child_characteristics ADD COLUMN la TEXT NOT NULL DEFAULT '';
UPDATE cin_child_characteristics SET la = COALESCE((SELECT y.la FROM cin_returns y WHERE y.year = cin_child_characteristics.year), '');
ALTER TABLE cin_disabilities ADD COLUMN la TEXT NOT NULL DEFAULT '';
UPDATE cin_disabilities SET la = COALESCE((SELECT y.la FROM cin_returns y WHERE y.year = cin_disabilities.year), '');
ALTER TABLE cin_details ADD COLUMN la TEXT NOT NULL DEFAULT '';
UPDATE cin_details SET la = COALESCE((SELECT y.la FROM cin_returns y WHERE y.year = cin_details.year), '');
ALTER TABLE cin_assessments ADD COLUMN la TEXT NOT NULL DEFAULT '';
UPDATE cin_assessments SET la = COALESCE((SELECT y.la FROM cin_returns y WHERE y.year = cin_assessments.year), '');
ALTER TABLE cin_assessment_factors_list ADD COLUMN la TEXT NOT NULL DEFAULT '';
UPDATE cin_assessment_factors_list SET la = COALESCE((SELECT y.la FROM cin_returns y WHERE y.year = cin_assessment_factors_list.year), '');
ALTER TABLE cin_plan_dates ADD COLUMN la TEXT NOT NULL DEFAULT '';
UPDATE cin_plan_dates SET la = COALESCE((SELECT y.la FROM cin_returns y WHERE y.year = cin_plan_dates.year), '');
ALTER TABLE cin_section47 ADD COLUMN la TEXT NOT NULL DEFAULT '';
UPDATE cin_section47 SET la = COALESCE((SELECT y.la FROM cin_returns y WHERE y.year = cin_section47.year), '');
ALTER TABLE cin_child_protection_plans ADD COLUMN la TEXT NOT NULL DEFAULT '';
UPDATE cin_child_protection_plans SET la = COALESCE((SELECT y.la FROM cin_returns y WHERE y.year = cin_child_protection_plans.year), '');
ALTER TABLE cin_reviews ADD COLUMN la TEXT NOT NULL DEFAULT '';
UPDATE cin_reviews SET la = COALESCE((SELECT y.la FROM cin_returns y WHERE y.year = cin_reviews.year), '');
ALTER TABLE cin_pre_proceedings ADD COLUMN la TEXT NOT NULL DEFAULT '';
UPDATE cin_pre_proceedings SET la = COALESCE((SELECT y.la FROM cin_returns y WHERE y.year = cin_pre_proceedings.year), '');
ALTER TABLE cin_failures ADD COLUMN la TEXT NOT NULL DEFAULT '';
UPDATE cin_failures SET la = COALESCE((SELECT y.la FROM cin_returns y WHERE y.year = cin_failures.year), '');
ALTER TABLE cin_skipped_rules ADD COLUMN la TEXT NOT NULL DEFAULT '';
UPDATE cin_skipped_rules SET la = COALESCE((SELECT y.la FROM cin_returns y WHERE y.year = cin_skipped_rules.year), '');
ALTER TABLE cin_validated ADD COLUMN la TEXT NOT NULL DEFAULT '';
UPDATE cin_validated SET la = COALESCE((SELECT y.la FROM cin_returns y WHERE y.year = cin_validated.year), '');
ALTER TABLE eh_episodes ADD COLUMN la TEXT NOT NULL DEFAULT '';
UPDATE eh_episodes SET la = COALESCE((SELECT y.la FROM eh_returns y WHERE y.year = eh_episodes.year), '');
ALTER TABLE haf_sessions ADD COLUMN la TEXT NOT NULL DEFAULT '';
UPDATE haf_sessions SET la = COALESCE((SELECT y.la FROM eh_returns y WHERE y.year = haf_sessions.year), '');
ALTER TABLE eh_links ADD COLUMN la TEXT NOT NULL DEFAULT '';
UPDATE eh_links SET la = COALESCE((SELECT y.la FROM returns y WHERE y.year = eh_links.year AND eh_links.source = 'ssda903'),
    (SELECT y.la FROM cin_returns y WHERE y.year = eh_links.year AND eh_links.source = 'cin'), '');
ALTER TABLE family_loads ADD COLUMN la TEXT NOT NULL DEFAULT '';
UPDATE family_loads SET la = COALESCE((SELECT y.la FROM returns y ORDER BY y.year DESC LIMIT 1), '');
ALTER TABLE family_links ADD COLUMN la TEXT NOT NULL DEFAULT '';
UPDATE family_links SET la = COALESCE((SELECT y.la FROM returns y ORDER BY y.year DESC LIMIT 1), '');

-- +goose Down
ALTER TABLE header DROP COLUMN la;
ALTER TABLE episodes DROP COLUMN la;
ALTER TABLE reviews DROP COLUMN la;
ALTER TABLE uasc DROP COLUMN la;
ALTER TABLE oc2 DROP COLUMN la;
ALTER TABLE oc3 DROP COLUMN la;
ALTER TABLE ad1 DROP COLUMN la;
ALTER TABLE placed_adoption DROP COLUMN la;
ALTER TABLE prev_perm DROP COLUMN la;
ALTER TABLE missing DROP COLUMN la;
ALTER TABLE sw_episodes DROP COLUMN la;
ALTER TABLE dolo DROP COLUMN la;
ALTER TABLE failures DROP COLUMN la;
ALTER TABLE skipped_rules DROP COLUMN la;
ALTER TABLE cin_header DROP COLUMN la;
ALTER TABLE cin_child_identifiers DROP COLUMN la;
ALTER TABLE cin_child_characteristics DROP COLUMN la;
ALTER TABLE cin_disabilities DROP COLUMN la;
ALTER TABLE cin_details DROP COLUMN la;
ALTER TABLE cin_assessments DROP COLUMN la;
ALTER TABLE cin_assessment_factors_list DROP COLUMN la;
ALTER TABLE cin_plan_dates DROP COLUMN la;
ALTER TABLE cin_section47 DROP COLUMN la;
ALTER TABLE cin_child_protection_plans DROP COLUMN la;
ALTER TABLE cin_reviews DROP COLUMN la;
ALTER TABLE cin_pre_proceedings DROP COLUMN la;
ALTER TABLE cin_failures DROP COLUMN la;
ALTER TABLE cin_skipped_rules DROP COLUMN la;
ALTER TABLE cin_validated DROP COLUMN la;
ALTER TABLE eh_episodes DROP COLUMN la;
ALTER TABLE haf_sessions DROP COLUMN la;
ALTER TABLE eh_links DROP COLUMN la;
ALTER TABLE family_loads DROP COLUMN la;
ALTER TABLE family_links DROP COLUMN la;
