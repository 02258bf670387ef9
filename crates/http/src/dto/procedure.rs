//! A procedure's kind and the applicant fields it asks, as residents and administrators
//! see and set them.

use madoguchi_domain::procedure::{FieldRules, ProcedureKind, Requirement};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

#[derive(Debug, Clone, Copy, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
#[schema(as = Requirement)]
pub enum RequirementView {
    Required,
    Optional,
    Hidden,
}

impl From<Requirement> for RequirementView {
    fn from(requirement: Requirement) -> Self {
        match requirement {
            Requirement::Required => Self::Required,
            Requirement::Optional => Self::Optional,
            Requirement::Hidden => Self::Hidden,
        }
    }
}

/// Which applicant fields the procedure asks for.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct FieldRulesView {
    pub management_number: RequirementView,
    pub name: RequirementView,
    pub name_kana: RequirementView,
    pub birth_date: RequirementView,
    pub address: RequirementView,
    pub phone: RequirementView,
    pub email: RequirementView,
}

impl From<RequirementView> for Requirement {
    fn from(view: RequirementView) -> Self {
        match view {
            RequirementView::Required => Self::Required,
            RequirementView::Optional => Self::Optional,
            RequirementView::Hidden => Self::Hidden,
        }
    }
}

impl From<&FieldRulesView> for FieldRules {
    fn from(f: &FieldRulesView) -> Self {
        Self {
            management_number: f.management_number.into(),
            name: f.name.into(),
            name_kana: f.name_kana.into(),
            birth_date: f.birth_date.into(),
            address: f.address.into(),
            phone: f.phone.into(),
            email: f.email.into(),
        }
    }
}

impl From<ProcedureKindView> for ProcedureKind {
    fn from(view: ProcedureKindView) -> Self {
        match view {
            ProcedureKindView::Issuance => Self::Issuance,
            ProcedureKindView::Application => Self::Application,
            ProcedureKindView::Certificate => Self::Certificate,
            ProcedureKindView::Other => Self::Other,
        }
    }
}

impl From<FieldRules> for FieldRulesView {
    fn from(f: FieldRules) -> Self {
        Self {
            management_number: f.management_number.into(),
            name: f.name.into(),
            name_kana: f.name_kana.into(),
            birth_date: f.birth_date.into(),
            address: f.address.into(),
            phone: f.phone.into(),
            email: f.email.into(),
        }
    }
}

#[derive(Debug, Clone, Copy, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
#[schema(as = ProcedureKind)]
pub enum ProcedureKindView {
    Issuance,
    Application,
    Certificate,
    Other,
}

impl From<ProcedureKind> for ProcedureKindView {
    fn from(kind: ProcedureKind) -> Self {
        match kind {
            ProcedureKind::Issuance => Self::Issuance,
            ProcedureKind::Application => Self::Application,
            ProcedureKind::Certificate => Self::Certificate,
            ProcedureKind::Other => Self::Other,
        }
    }
}
