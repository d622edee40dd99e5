// capabilities_report.h — `spawncheck capabilities` written out: JSON
// (docs/capabilities.schema.json, versioned) or text for people.
#pragma once

#include <ostream>

#include "capabilities.h"

namespace sc {

// The schema version the JSON follows; bumped on any incompatible change.
inline constexpr int kCapabilitiesSchemaVersion = 1;

void write_capabilities_json(std::ostream& out, const Capabilities& caps);
void write_capabilities_text(std::ostream& out, const Capabilities& caps);

}  // namespace sc
