// A small JSON Schema validator for the subset docs/results-schema.json uses: type (one or a
// list), const, enum, properties, required, additionalProperties (bool or schema), items,
// minimum, anyOf, and local $ref "#/$defs/NAME". Walks with an explicit stack. Returns the
// list of violations as "pointer: problem" strings (empty = valid).
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <utility>
#include <vector>

namespace schema_check {

using nlohmann::json;

inline bool type_matches(const json& value, const std::string& type) {
  if (type == "object") return value.is_object();
  if (type == "array") return value.is_array();
  if (type == "string") return value.is_string();
  if (type == "boolean") return value.is_boolean();
  if (type == "null") return value.is_null();
  if (type == "integer") return value.is_number_integer();
  if (type == "number") return value.is_number();
  return false;
}

inline bool validate_alt(const json& root_schema, const json& alt, const json& value);

inline std::vector<std::string> validate(const json& root_schema, const json& document) {
  std::vector<std::string> errors;
  struct Task {
    const json* schema;
    const json* value;
    std::string pointer;
  };
  std::vector<Task> stack{{&root_schema, &document, ""}};
  while (!stack.empty()) {
    Task task = stack.back();
    stack.pop_back();
    const json* schema = task.schema;
    for (int hops = 0; schema->contains("$ref") && hops < 16; ++hops) {
      const std::string ref = (*schema)["$ref"];
      const std::string prefix = "#/$defs/";
      if (ref.rfind(prefix, 0) != 0 || !root_schema["$defs"].contains(ref.substr(prefix.size()))) {
        errors.push_back(task.pointer + ": unresolvable $ref " + ref);
        break;
      }
      schema = &root_schema["$defs"][ref.substr(prefix.size())];
    }
    const json& s = *schema;
    const json& v = *task.value;
    const std::string& at = task.pointer;
    if (s.contains("anyOf")) {
      bool any = false;
      for (const auto& alt : s["anyOf"]) any = any || validate_alt(root_schema, alt, v);
      if (!any) errors.push_back(at + ": matches no alternative of anyOf");
    }
    if (s.contains("type")) {
      bool ok = false;
      if (s["type"].is_array()) {
        for (const auto& t : s["type"]) ok = ok || type_matches(v, t.get<std::string>());
      } else {
        ok = type_matches(v, s["type"].get<std::string>());
      }
      if (!ok) {
        errors.push_back(at + ": expected type " + s["type"].dump() + ", got " + v.dump());
        continue;
      }
    }
    if (s.contains("const") && v != s["const"])
      errors.push_back(at + ": expected " + s["const"].dump());
    if (s.contains("enum")) {
      bool found = false;
      for (const auto& e : s["enum"]) found = found || e == v;
      if (!found) errors.push_back(at + ": " + v.dump() + " not in enum");
    }
    if (s.contains("minimum") && v.is_number() && v.get<double>() < s["minimum"].get<double>())
      errors.push_back(at + ": below minimum");
    if (v.is_object()) {
      if (s.contains("required"))
        for (const auto& key : s["required"])
          if (!v.contains(key.get<std::string>()))
            errors.push_back(at + ": missing required field " + key.get<std::string>());
      for (auto it = v.begin(); it != v.end(); ++it) {
        const std::string child = at + "/" + it.key();
        if (s.contains("properties") && s["properties"].contains(it.key())) {
          stack.push_back({&s["properties"][it.key()], &it.value(), child});
        } else if (s.contains("additionalProperties")) {
          const json& extra = s["additionalProperties"];
          if (extra.is_boolean()) {
            if (!extra.get<bool>()) errors.push_back(child + ": field not in the schema");
          } else {
            stack.push_back({&extra, &it.value(), child});
          }
        }
      }
    }
    if (v.is_array() && s.contains("items"))
      for (std::size_t i = 0; i < v.size(); ++i)
        stack.push_back({&s["items"], &v[i], at + "/" + std::to_string(i)});
  }
  return errors;
}

// anyOf alternatives in this schema are flat ($ref to an enum, or a type), so a nested
// validation against the alternative as a root with the same $defs is enough.
inline bool validate_alt(const json& root_schema, const json& alt, const json& value) {
  json sub = alt;
  if (root_schema.contains("$defs")) sub["$defs"] = root_schema["$defs"];
  return validate(sub, value).empty();
}

}  // namespace schema_check
