#include "accounts/audit_actions.hpp"

#include <algorithm>
#include <array>

#include "core/i18n.hpp"

namespace rynek::accounts {
namespace {

using core::N_;

constexpr std::array kActions{
    AuditAction{"account.create", N_("Account created")},
    AuditAction{"account.invite", N_("Invitation sent again")},
    AuditAction{"account.password_set", N_("Password set")},
    AuditAction{"account.role", N_("Role changed")},
    AuditAction{"account.activate", N_("Account activated")},
    AuditAction{"account.deactivate", N_("Account deactivated")},
    AuditAction{"account.seminars", N_("Assigned seminars changed")},
    AuditAction{"article.create", N_("Article created")},
    AuditAction{"article.update", N_("Article edited")},
    AuditAction{"article.publish", N_("Article published")},
    AuditAction{"article.unpublish", N_("Article unpublished")},
    AuditAction{"article.delete", N_("Article draft deleted")},
    AuditAction{"article.attachment_add", N_("Attachment added to an article")},
    AuditAction{"article.attachment_remove", N_("Attachment removed from an article")},
    AuditAction{"seminar.create", N_("Seminar created")},
    AuditAction{"seminar.update", N_("Seminar edited")},
    AuditAction{"seminar.publish", N_("Seminar published")},
    AuditAction{"seminar.unpublish", N_("Seminar unpublished")},
    AuditAction{"seminar.delete", N_("Seminar draft deleted")},
    AuditAction{"seminar.material_add", N_("Material added to a seminar")},
    AuditAction{"seminar.material_remove", N_("Material removed from a seminar")},
    AuditAction{"registration.approve", N_("Registration approved by the organiser")},
    AuditAction{"registration.reject", N_("Registration rejected")},
    AuditAction{"registration.promote", N_("Registration moved up from the waiting list")},
    AuditAction{"registration.cancel", N_("Registration cancelled by the organiser")},
    AuditAction{"registration.message", N_("Message sent to registrants")},
    AuditAction{"settings.update", N_("Site settings changed")},
};

struct FieldLabel {
  std::string_view field;
  const char* label;
};

constexpr std::array kFields{
    FieldLabel{"title", N_("Title")},
    FieldLabel{"slug", N_("Address (slug)")},
    FieldLabel{"lead", N_("Lead")},
    FieldLabel{"body", N_("Text")},
    FieldLabel{"description", N_("Description")},
    FieldLabel{"tags", N_("Tags")},
    FieldLabel{"status", N_("Status")},
    FieldLabel{"published_at", N_("Publication time")},
    FieldLabel{"hero", N_("Image")},
    FieldLabel{"hero_alt", N_("Image description")},
    FieldLabel{"starts_at", N_("Start")},
    FieldLabel{"ends_at", N_("End")},
    FieldLabel{"format", N_("Form")},
    FieldLabel{"venue", N_("Venue")},
    FieldLabel{"capacity", N_("Places")},
    FieldLabel{"requires_approval", N_("Approval by the organiser")},
    FieldLabel{"confirm_within_hours", N_("Confirmation within (hours)")},
    FieldLabel{"registration_opens_at", N_("Registration opens")},
    FieldLabel{"registration_closes_at", N_("Registration closes")},
    FieldLabel{"contact_email", N_("Contact e-mail address")},
    FieldLabel{"broadcast_url", N_("Broadcast address")},
    FieldLabel{"broadcast_visibility", N_("Who can watch the broadcast")},
    FieldLabel{"recording_url", N_("Recording address")},
    FieldLabel{"agenda", N_("Agenda")},
    FieldLabel{"fields", N_("Form fields")},
    FieldLabel{"consents", N_("Consents")},
    FieldLabel{"privacy_clause", N_("Information clause")},
    FieldLabel{"privacy_clause_md", N_("Information clause")},
    FieldLabel{"privacy_clause_version", N_("Information clause version")},
    FieldLabel{"new_versions", N_("New text versions")},
    FieldLabel{"promoted", N_("Moved up from the waiting list")},
    FieldLabel{"organisation_name", N_("Organisation name")},
    FieldLabel{"organisation_full_name", N_("Full name of the organisation")},
    FieldLabel{"postal_address", N_("Postal address")},
    FieldLabel{"seminar_contact_email", N_("Default contact address of seminars")},
    FieldLabel{"name", N_("Name")},
    FieldLabel{"role", N_("Role")},
    FieldLabel{"active", N_("Active")},
    FieldLabel{"seminars", N_("Seminars")},
    FieldLabel{"seminar_id", N_("Seminar")},
    FieldLabel{"from", N_("Previous state")},
    FieldLabel{"subject", N_("Subject")},
    FieldLabel{"recipients", N_("Recipients")},
    FieldLabel{"filename", N_("File")},
    FieldLabel{"content_type", N_("File type")},
    FieldLabel{"audience", N_("Who can download")},
    FieldLabel{"attachment_id", N_("Attachment")},
    FieldLabel{"material_id", N_("Material")},
};

}  // namespace

std::span<const AuditAction> audit_actions() {
  return kActions;
}

const AuditAction* find_audit_action(std::string_view key) {
  auto it = std::find_if(kActions.begin(), kActions.end(),
                         [&](const AuditAction& action) { return action.key == key; });
  return it == kActions.end() ? nullptr : &*it;
}

const char* audit_field_label(std::string_view field) {
  auto it = std::find_if(kFields.begin(), kFields.end(),
                         [&](const FieldLabel& label) { return label.field == field; });
  return it == kFields.end() ? nullptr : it->label;
}

}  // namespace rynek::accounts
