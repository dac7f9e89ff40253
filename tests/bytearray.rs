//! bytearray: construction, mutation, slicing, comparison with bytes, and the bytes methods
//! returning bytearrays (expected output printed by python3).

#[test]
fn bytearray_behaves_as_in_cpython() {
    let source = "b = bytearray(b\"hello\")\nb[0] = 72\nb.append(33)\nb += b\"??\"\nprint(b, len(b), b[1], b[1:3], b.upper(), b.split(b\"l\"), bytes(b), b == b\"Hello!??\", isinstance(b, bytearray))\nprint(bytearray(3), bytearray(\"hi\", \"utf-8\"), bytearray([1, 2]).hex(), b.decode(), b.find(b\"l\"))\nb.pop(); del b[0]\nprint(b, list(bytearray(b\"ab\")), type(b).__name__)\ntry:\n    b[0] = 300\nexcept ValueError as e:\n    print(\"ValueError:\", e)\n";
    let out = percolate::run_capture(source, "x.py");
    assert_eq!(
        out.stdout,
        "bytearray(b'Hello!??') 8 101 bytearray(b'el') bytearray(b'HELLO!??') [bytearray(b'He'), bytearray(b''), bytearray(b'o!??')] b'Hello!??' True True\n\
         bytearray(b'\\x00\\x00\\x00') bytearray(b'hi') 0102 Hello!?? 2\n\
         bytearray(b'ello!?') [97, 98] bytearray\n\
         ValueError: byte must be in range(0, 256)\n",
        "stderr: {}",
        out.stderr
    );
}
