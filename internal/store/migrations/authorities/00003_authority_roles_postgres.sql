-- Row-level security bound to the database role as well as to the
-- connection's setting. village.authorities is a setting any connection
-- may change (SET village.authorities = '*'), so on its own it keeps a
-- mistake in Village's queries from another authority's rows, but not
-- someone who logs in with an authority's server's password. The table
-- authority_roles says which authorities each role (and every role that
-- is a member of it) may see: a row with la '*' gives every authority.
-- Only the tables' owner writes it (an ordinary role's grants must leave
-- it out: README, "A region in one store"); while it is empty every role
-- may see every authority, as before, so a store of one authority needs
-- none of it.
--
-- village_role_authorities() reads it as its owner (SECURITY DEFINER) for
-- the role that logged in (session_user), and the policies call it once
-- a query, through a scalar subquery, not once a row.

-- +goose Up
CREATE TABLE authority_roles (
    role_name TEXT NOT NULL,
    la        TEXT NOT NULL,  -- a GSS code, or * for every authority
    PRIMARY KEY (role_name, la)
);
REVOKE ALL ON authority_roles FROM PUBLIC;

-- +goose StatementBegin
CREATE FUNCTION village_role_authorities() RETURNS TEXT[]
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
    SELECT CASE WHEN NOT EXISTS (SELECT 1 FROM public.authority_roles) THEN ARRAY['*']
        ELSE ARRAY(SELECT a.la FROM public.authority_roles a JOIN pg_catalog.pg_roles r ON r.rolname = a.role_name
                   WHERE pg_catalog.pg_has_role(session_user, r.oid, 'MEMBER'))
    END
$$;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE FUNCTION village_role_may_see(authority TEXT, allowed TEXT[]) RETURNS BOOLEAN
LANGUAGE sql IMMUTABLE AS $$
    SELECT '*' = ANY (allowed) OR authority = ANY (allowed)
$$;
-- +goose StatementEnd

ALTER POLICY authority ON header USING (village_may_see(la) AND village_role_may_see(la, (SELECT village_role_authorities()))) WITH CHECK (village_may_see(la) AND village_role_may_see(la, (SELECT village_role_authorities())));
ALTER POLICY authority ON episodes USING (village_may_see(la) AND village_role_may_see(la, (SELECT village_role_authorities()))) WITH CHECK (village_may_see(la) AND village_role_may_see(la, (SELECT village_role_authorities())));
ALTER POLICY authority ON reviews USING (village_may_see(la) AND village_role_may_see(la, (SELECT village_role_authorities()))) WITH CHECK (village_may_see(la) AND village_role_may_see(la, (SELECT village_role_authorities())));
ALTER POLICY authority ON uasc USING (village_may_see(la) AND village_role_may_see(la, (SELECT village_role_authorities()))) WITH CHECK (village_may_see(la) AND village_role_may_see(la, (SELECT village_role_authorities())));
ALTER POLICY authority ON oc2 USING (village_may_see(la) AND village_role_may_see(la, (SELECT village_role_authorities()))) WITH CHECK (village_may_see(la) AND village_role_may_see(la, (SELECT village_role_authorities())));
ALTER POLICY authority ON oc3 USING (village_may_see(la) AND village_role_may_see(la, (SELECT village_role_authorities()))) WITH CHECK (village_may_see(la) AND village_role_may_see(la, (SELECT village_role_authorities())));
ALTER POLICY authority ON ad1 USING (village_may_see(la) AND village_role_may_see(la, (SELECT village_role_authorities()))) WITH CHECK (village_may_see(la) AND village_role_may_see(la, (SELECT village_role_authorities())));
ALTER POLICY authority ON placed_adoption USING (village_may_see(la) AND village_role_may_see(la, (SELECT village_role_authorities()))) WITH CHECK (village_may_see(la) AND village_role_may_see(la, (SELECT village_role_authorities())));
ALTER POLICY authority ON prev_perm USING (village_may_see(la) AND village_role_may_see(la, (SELECT village_role_authorities()))) WITH CHECK (village_may_see(la) AND village_role_may_see(la, (SELECT village_role_authorities())));
ALTER POLICY authority ON missing USING (village_may_see(la) AND village_role_may_see(la, (SELECT village_role_authorities()))) WITH CHECK (village_may_see(la) AND village_role_may_see(la, (SELECT village_role_authorities())));
ALTER POLICY authority ON sw_episodes USING (village_may_see(la) AND village_role_may_see(la, (SELECT village_role_authorities()))) WITH CHECK (village_may_see(la) AND village_role_may_see(la, (SELECT village_role_authorities())));
ALTER POLICY authority ON dolo USING (village_may_see(la) AND village_role_may_see(la, (SELECT village_role_authorities()))) WITH CHECK (village_may_see(la) AND village_role_may_see(la, (SELECT village_role_authorities())));
ALTER POLICY authority ON failures USING (village_may_see(la) AND village_role_may_see(la, (SELECT village_role_authorities()))) WITH CHECK (village_may_see(la) AND village_role_may_see(la, (SELECT village_role_authorities())));
ALTER POLICY authority ON skipped_rules USING (village_may_see(la) AND village_role_may_see(la, (SELECT village_role_authorities()))) WITH CHECK (village_may_see(la) AND village_role_may_see(la, (SELECT village_role_authorities())));
ALTER POLICY authority ON cin_header USING (village_may_see(la) AND village_role_may_see(la, (SELECT village_role_authorities()))) WITH CHECK (village_may_see(la) AND village_role_may_see(la, (SELECT village_role_authorities())));
ALTER POLICY authority ON cin_child_identifiers USING (village_may_see(la) AND village_role_may_see(la, (SELECT village_role_authorities()))) WITH CHECK (village_may_see(la) AND village_role_may_see(la, (SELECT village_role_authorities())));
ALTER POLICY authority ON cin_child_characteristics USING (village_may_see(la) AND village_role_may_see(la, (SELECT village_role_authorities()))) WITH CHECK (village_may_see(la) AND village_role_may_see(la, (SELECT village_role_authorities())));
ALTER POLICY authority ON cin_disabilities USING (village_may_see(la) AND village_role_may_see(la, (SELECT village_role_authorities()))) WITH CHECK (village_may_see(la) AND village_role_may_see(la, (SELECT village_role_authorities())));
ALTER POLICY authority ON cin_details USING (village_may_see(la) AND village_role_may_see(la, (SELECT village_role_authorities()))) WITH CHECK (village_may_see(la) AND village_role_may_see(la, (SELECT village_role_authorities())));
ALTER POLICY authority ON cin_assessments USING (village_may_see(la) AND village_role_may_see(la, (SELECT village_role_authorities()))) WITH CHECK (village_may_see(la) AND village_role_may_see(la, (SELECT village_role_authorities())));
ALTER POLICY authority ON cin_assessment_factors_list USING (village_may_see(la) AND village_role_may_see(la, (SELECT village_role_authorities()))) WITH CHECK (village_may_see(la) AND village_role_may_see(la, (SELECT village_role_authorities())));
ALTER POLICY authority ON cin_plan_dates USING (village_may_see(la) AND village_role_may_see(la, (SELECT village_role_authorities()))) WITH CHECK (village_may_see(la) AND village_role_may_see(la, (SELECT village_role_authorities())));
ALTER POLICY authority ON cin_section47 USING (village_may_see(la) AND village_role_may_see(la, (SELECT village_role_authorities()))) WITH CHECK (village_may_see(la) AND village_role_may_see(la, (SELECT village_role_authorities())));
ALTER POLICY authority ON cin_child_protection_plans USING (village_may_see(la) AND village_role_may_see(la, (SELECT village_role_authorities()))) WITH CHECK (village_may_see(la) AND village_role_may_see(la, (SELECT village_role_authorities())));
ALTER POLICY authority ON cin_reviews USING (village_may_see(la) AND village_role_may_see(la, (SELECT village_role_authorities()))) WITH CHECK (village_may_see(la) AND village_role_may_see(la, (SELECT village_role_authorities())));
ALTER POLICY authority ON cin_pre_proceedings USING (village_may_see(la) AND village_role_may_see(la, (SELECT village_role_authorities()))) WITH CHECK (village_may_see(la) AND village_role_may_see(la, (SELECT village_role_authorities())));
ALTER POLICY authority ON cin_failures USING (village_may_see(la) AND village_role_may_see(la, (SELECT village_role_authorities()))) WITH CHECK (village_may_see(la) AND village_role_may_see(la, (SELECT village_role_authorities())));
ALTER POLICY authority ON cin_skipped_rules USING (village_may_see(la) AND village_role_may_see(la, (SELECT village_role_authorities()))) WITH CHECK (village_may_see(la) AND village_role_may_see(la, (SELECT village_role_authorities())));
ALTER POLICY authority ON cin_validated USING (village_may_see(la) AND village_role_may_see(la, (SELECT village_role_authorities()))) WITH CHECK (village_may_see(la) AND village_role_may_see(la, (SELECT village_role_authorities())));
ALTER POLICY authority ON eh_episodes USING (village_may_see(la) AND village_role_may_see(la, (SELECT village_role_authorities()))) WITH CHECK (village_may_see(la) AND village_role_may_see(la, (SELECT village_role_authorities())));
ALTER POLICY authority ON haf_sessions USING (village_may_see(la) AND village_role_may_see(la, (SELECT village_role_authorities()))) WITH CHECK (village_may_see(la) AND village_role_may_see(la, (SELECT village_role_authorities())));
ALTER POLICY authority ON eh_links USING (village_may_see(la) AND village_role_may_see(la, (SELECT village_role_authorities()))) WITH CHECK (village_may_see(la) AND village_role_may_see(la, (SELECT village_role_authorities())));
ALTER POLICY authority ON family_loads USING (village_may_see(la) AND village_role_may_see(la, (SELECT village_role_authorities()))) WITH CHECK (village_may_see(la) AND village_role_may_see(la, (SELECT village_role_authorities())));
ALTER POLICY authority ON family_links USING (village_may_see(la) AND village_role_may_see(la, (SELECT village_role_authorities()))) WITH CHECK (village_may_see(la) AND village_role_may_see(la, (SELECT village_role_authorities())));
ALTER POLICY authority ON returns USING (village_may_see(la) AND village_role_may_see(la, (SELECT village_role_authorities()))) WITH CHECK (village_may_see(la) AND village_role_may_see(la, (SELECT village_role_authorities())));
ALTER POLICY authority ON cin_returns USING (village_may_see(la) AND village_role_may_see(la, (SELECT village_role_authorities()))) WITH CHECK (village_may_see(la) AND village_role_may_see(la, (SELECT village_role_authorities())));
ALTER POLICY authority ON eh_returns USING (village_may_see(la) AND village_role_may_see(la, (SELECT village_role_authorities()))) WITH CHECK (village_may_see(la) AND village_role_may_see(la, (SELECT village_role_authorities())));
ALTER POLICY authority ON loads USING (village_may_see(la) AND village_role_may_see(la, (SELECT village_role_authorities()))) WITH CHECK (village_may_see(la) AND village_role_may_see(la, (SELECT village_role_authorities())));
ALTER POLICY authority ON cin_loads USING (village_may_see(la) AND village_role_may_see(la, (SELECT village_role_authorities()))) WITH CHECK (village_may_see(la) AND village_role_may_see(la, (SELECT village_role_authorities())));
ALTER POLICY authority ON eh_loads USING (village_may_see(la) AND village_role_may_see(la, (SELECT village_role_authorities()))) WITH CHECK (village_may_see(la) AND village_role_may_see(la, (SELECT village_role_authorities())));

-- +goose Down
ALTER POLICY authority ON header USING (village_may_see(la)) WITH CHECK (village_may_see(la));
ALTER POLICY authority ON episodes USING (village_may_see(la)) WITH CHECK (village_may_see(la));
ALTER POLICY authority ON reviews USING (village_may_see(la)) WITH CHECK (village_may_see(la));
ALTER POLICY authority ON uasc USING (village_may_see(la)) WITH CHECK (village_may_see(la));
ALTER POLICY authority ON oc2 USING (village_may_see(la)) WITH CHECK (village_may_see(la));
ALTER POLICY authority ON oc3 USING (village_may_see(la)) WITH CHECK (village_may_see(la));
ALTER POLICY authority ON ad1 USING (village_may_see(la)) WITH CHECK (village_may_see(la));
ALTER POLICY authority ON placed_adoption USING (village_may_see(la)) WITH CHECK (village_may_see(la));
ALTER POLICY authority ON prev_perm USING (village_may_see(la)) WITH CHECK (village_may_see(la));
ALTER POLICY authority ON missing USING (village_may_see(la)) WITH CHECK (village_may_see(la));
ALTER POLICY authority ON sw_episodes USING (village_may_see(la)) WITH CHECK (village_may_see(la));
ALTER POLICY authority ON dolo USING (village_may_see(la)) WITH CHECK (village_may_see(la));
ALTER POLICY authority ON failures USING (village_may_see(la)) WITH CHECK (village_may_see(la));
ALTER POLICY authority ON skipped_rules USING (village_may_see(la)) WITH CHECK (village_may_see(la));
ALTER POLICY authority ON cin_header USING (village_may_see(la)) WITH CHECK (village_may_see(la));
ALTER POLICY authority ON cin_child_identifiers USING (village_may_see(la)) WITH CHECK (village_may_see(la));
ALTER POLICY authority ON cin_child_characteristics USING (village_may_see(la)) WITH CHECK (village_may_see(la));
ALTER POLICY authority ON cin_disabilities USING (village_may_see(la)) WITH CHECK (village_may_see(la));
ALTER POLICY authority ON cin_details USING (village_may_see(la)) WITH CHECK (village_may_see(la));
ALTER POLICY authority ON cin_assessments USING (village_may_see(la)) WITH CHECK (village_may_see(la));
ALTER POLICY authority ON cin_assessment_factors_list USING (village_may_see(la)) WITH CHECK (village_may_see(la));
ALTER POLICY authority ON cin_plan_dates USING (village_may_see(la)) WITH CHECK (village_may_see(la));
ALTER POLICY authority ON cin_section47 USING (village_may_see(la)) WITH CHECK (village_may_see(la));
ALTER POLICY authority ON cin_child_protection_plans USING (village_may_see(la)) WITH CHECK (village_may_see(la));
ALTER POLICY authority ON cin_reviews USING (village_may_see(la)) WITH CHECK (village_may_see(la));
ALTER POLICY authority ON cin_pre_proceedings USING (village_may_see(la)) WITH CHECK (village_may_see(la));
ALTER POLICY authority ON cin_failures USING (village_may_see(la)) WITH CHECK (village_may_see(la));
ALTER POLICY authority ON cin_skipped_rules USING (village_may_see(la)) WITH CHECK (village_may_see(la));
ALTER POLICY authority ON cin_validated USING (village_may_see(la)) WITH CHECK (village_may_see(la));
ALTER POLICY authority ON eh_episodes USING (village_may_see(la)) WITH CHECK (village_may_see(la));
ALTER POLICY authority ON haf_sessions USING (village_may_see(la)) WITH CHECK (village_may_see(la));
ALTER POLICY authority ON eh_links USING (village_may_see(la)) WITH CHECK (village_may_see(la));
ALTER POLICY authority ON family_loads USING (village_may_see(la)) WITH CHECK (village_may_see(la));
ALTER POLICY authority ON family_links USING (village_may_see(la)) WITH CHECK (village_may_see(la));
ALTER POLICY authority ON returns USING (village_may_see(la)) WITH CHECK (village_may_see(la));
ALTER POLICY authority ON cin_returns USING (village_may_see(la)) WITH CHECK (village_may_see(la));
ALTER POLICY authority ON eh_returns USING (village_may_see(la)) WITH CHECK (village_may_see(la));
ALTER POLICY authority ON loads USING (village_may_see(la)) WITH CHECK (village_may_see(la));
ALTER POLICY authority ON cin_loads USING (village_may_see(la)) WITH CHECK (village_may_see(la));
ALTER POLICY authority ON eh_loads USING (village_may_see(la)) WITH CHECK (village_may_see(la));
DROP FUNCTION village_role_may_see(TEXT, TEXT[]);
DROP FUNCTION village_role_authorities();
DROP TABLE authority_roles;
