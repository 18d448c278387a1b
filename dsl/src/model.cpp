// The few member functions of the model (model.hpp): plain data otherwise.
#include "millwright/dsl/model.hpp"

namespace millwright::dsl {

std::size_t MatrixModel::cell(const std::vector<std::size_t>& value_indexes) const {
    std::size_t offset = 0;
    for (std::size_t axis = 0; axis < axes.size() && axis < value_indexes.size(); ++axis) {
        offset = offset * axes[axis].values.size() + value_indexes[axis];
    }
    return cells.at(offset);
}

} // namespace millwright::dsl
