//! Placeholder: the logos lexer with its indentation layer lands here.
