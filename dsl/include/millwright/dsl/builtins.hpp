// The builtin functions the DSL offers. The dsl owns this list (the checker types calls with
// it, codegen emits `lib.<runtime_name>(...)`, docs/language.md documents it); the stdlib
// implements it. A test in tests/engine/ checks that the two sets match exactly.
#pragma once

#include "millwright/dsl/ast.hpp"

#include <optional>
#include <string>
#include <vector>

namespace millwright::dsl {

/// The types one parameter accepts.
struct BuiltinParam {
    std::string name;
    std::vector<ast::TypeKind> accepts;
};

struct Builtin {
    std::string name;         ///< as written in the DSL
    std::string runtime_name; ///< the member of the stdlib table `lib` that implements it
    std::vector<BuiltinParam> params;
    ast::TypeKind result = ast::TypeKind::text;
    std::string summary;
    bool internal = false; ///< emitted by codegen only (e.g. list membership), not callable
};

/// Every builtin, in documentation order.
const std::vector<Builtin>& builtins();

/// The callable builtin named `name`, if any.
const Builtin* find_builtin(const std::string& name);

} // namespace millwright::dsl
