"""A building's calculated results: their stored shape and the endpoints serving them."""
