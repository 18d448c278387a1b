// A vector that grows by whole chunks and never moves its elements: the engine's work orders and
// history records. std::vector doubles, so reaching 158,724 work orders moved every work order
// about twice (a move and a destruction each, and the pages of the new block touched again)
// and briefly held old and new blocks at once; here an element, once appended, stays where it
// is. The price is one more load per index (the chunk's address, from a short, hot table).
// Internal to the engine.
#pragma once

#include <cstddef>
#include <iterator>
#include <utility>
#include <vector>

namespace millwright::detail {

template <typename T, std::size_t chunk_size>
class ChunkedVector {
public:
    std::size_t size() const { return size_; }
    bool empty() const { return size_ == 0; }

    T& operator[](std::size_t index) { return chunks_[index / chunk_size][index % chunk_size]; }
    const T& operator[](std::size_t index) const {
        return chunks_[index / chunk_size][index % chunk_size];
    }

    /// Appends a T made from `args`; references to earlier elements stay valid.
    template <typename... Args>
    T& emplace_back(Args&&... args) {
        if (size_ % chunk_size == 0) {
            chunks_.emplace_back().reserve(chunk_size); // filled up to its capacity, never past
        }
        T& element = chunks_.back().emplace_back(std::forward<Args>(args)...);
        ++size_;
        return element;
    }
    void push_back(const T& value) { emplace_back(value); }
    void push_back(T&& value) { emplace_back(std::move(value)); }

    class const_iterator {
    public:
        using iterator_category = std::forward_iterator_tag;
        using value_type = T;
        using difference_type = std::ptrdiff_t;
        using pointer = const T*;
        using reference = const T&;

        const_iterator(const ChunkedVector& vector, std::size_t index)
            : vector_(&vector), index_(index) {}
        const T& operator*() const { return (*vector_)[index_]; }
        const T* operator->() const { return &(*vector_)[index_]; }
        const_iterator& operator++() {
            ++index_;
            return *this;
        }
        bool operator==(const const_iterator& other) const { return index_ == other.index_; }
        bool operator!=(const const_iterator& other) const { return index_ != other.index_; }

    private:
        const ChunkedVector* vector_;
        std::size_t index_;
    };
    const_iterator begin() const { return {*this, 0}; }
    const_iterator end() const { return {*this, size_}; }

private:
    std::vector<std::vector<T>> chunks_; ///< each reserved to chunk_size elements
    std::size_t size_ = 0;
};

} // namespace millwright::detail
