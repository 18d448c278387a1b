-- attacks: a chunk with nothing but comments
-- expect: ok nil

