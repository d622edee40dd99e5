// capabilities_report.h — `spawncheck capabilities` written out: JSON
// (docs/capabilities.schema.json, versioned) or text for people.
#pragma once

#include <ostream>
#include <string_view>

#include "capabilities.h"

namespace sc {

// The schema version the JSON follows; bumped on any incompatible change.
inline constexpr int kCapabilitiesSchemaVersion = 1;

// version: of the spawncheck that wrote it.
void write_capabilities_json(std::ostream& out, const Capabilities& caps, std::string_view version);
void write_capabilities_text(std::ostream& out, const Capabilities& caps);

}  // namespace sc
