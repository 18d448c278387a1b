-- attacks: a chunk returning more values than the caller takes
-- expect: ok 1
return 1, 2, 3, 4, 5
