// A small JSON Schema checker for the tests: the subset docs/decision.schema.json uses (type,
// enum, required, properties, additionalProperties, items, minimum). No Debian package offers
// a validator, and this subset is small enough to check by hand; an unknown keyword fails the
// check, so the schema cannot silently outgrow the checker.
#pragma once

#include <nlohmann/json.hpp>

#include <set>
#include <string>
#include <vector>

namespace millwright::test {

class SchemaChecker {
public:
    /// Returns every violation of `schema` by `value`, each as "pointer: problem".
    std::vector<std::string> check(const nlohmann::json& schema, const nlohmann::json& value) {
        problems_.clear();
        visit(schema, value, "");
        return problems_;
    }

private:
    static bool has_type(const nlohmann::json& value, const std::string& type) {
        if (type == "object") {
            return value.is_object();
        }
        if (type == "array") {
            return value.is_array();
        }
        if (type == "string") {
            return value.is_string();
        }
        if (type == "integer") {
            return value.is_number_integer();
        }
        if (type == "number") {
            return value.is_number();
        }
        if (type == "boolean") {
            return value.is_boolean();
        }
        if (type == "null") {
            return value.is_null();
        }
        return false;
    }

    void visit(const nlohmann::json& schema, const nlohmann::json& value, const std::string& at) {
        static const std::set<std::string> known{
            "$schema", "$id",      "title",      "description",          "type",
            "enum",    "required", "properties", "additionalProperties", "items",
            "minimum"};
        for (const auto& [keyword, ignored] : schema.items()) {
            if (known.count(keyword) == 0) {
                problems_.push_back(at + ": schema keyword `" + keyword + "` is not supported");
            }
        }
        if (schema.contains("type") && !has_type(value, schema["type"].get<std::string>())) {
            problems_.push_back(at + ": expected " + schema["type"].get<std::string>() + ", got " +
                                value.dump());
            return;
        }
        if (schema.contains("enum")) {
            bool found = false;
            for (const auto& option : schema["enum"]) {
                found = found || option == value;
            }
            if (!found) {
                problems_.push_back(at + ": " + value.dump() + " is not one of " +
                                    schema["enum"].dump());
            }
        }
        if (schema.contains("minimum") && value.is_number() &&
            value.get<double>() < schema["minimum"].get<double>()) {
            problems_.push_back(at + ": " + value.dump() + " is below the minimum");
        }
        if (value.is_object()) {
            visit_object(schema, value, at);
        }
        if (value.is_array() && schema.contains("items")) {
            for (std::size_t i = 0; i < value.size(); ++i) {
                visit(schema["items"], value[i], at + "/" + std::to_string(i));
            }
        }
    }

    void visit_object(const nlohmann::json& schema, const nlohmann::json& value,
                      const std::string& at) {
        if (schema.contains("required")) {
            for (const auto& key : schema["required"]) {
                if (!value.contains(key.get<std::string>())) {
                    problems_.push_back(at + ": missing required key " + key.dump());
                }
            }
        }
        const bool closed = schema.value("additionalProperties", true) == false;
        for (const auto& [key, member] : value.items()) {
            if (schema.contains("properties") && schema["properties"].contains(key)) {
                visit(schema["properties"][key], member, at + "/" + key);
            } else if (closed) {
                problems_.push_back(at + ": key `" + key + "` is not allowed");
            }
        }
    }

    std::vector<std::string> problems_;
};

} // namespace millwright::test
