NOT (
  LENGTH(
    LIST_FILTER(
      FLATTEN(
        LIST_TRANSFORM(
          FLATTEN(
            LIST_TRANSFORM(
              FLATTEN(
                LIST_TRANSFORM(
                  FLATTEN(
                    LIST_TRANSFORM(
                      LIST_FILTER(
                        LIST_TRANSFORM(
                          LIST_FILTER(
                            FLATTEN(
                              LIST_TRANSFORM(
                                FLATTEN(
                                  LIST_TRANSFORM(
                                    FLATTEN(
                                      LIST_TRANSFORM(
                                        FLATTEN(
                                          LIST_TRANSFORM(
                                            LIST_FILTER(
                                              LIST_TRANSFORM(
                                                LIST_FILTER(
                                                  LIST_FILTER(
                                                    LIST_TRANSFORM(
                                                      LIST_FILTER(
                                                        FLATTEN(
                                                          LIST_TRANSFORM(
                                                            FLATTEN(
                                                              LIST_TRANSFORM(
                                                                FLATTEN(
                                                                  LIST_TRANSFORM(
                                                                    FLATTEN(
                                                                      LIST_TRANSFORM(
                                                                        [CAST("record" AS JSON)],
                                                                        LAMBDA x1 : CASE WHEN JSON_TYPE(x1) = 'ARRAY' THEN x1 -> '$[*]' ELSE [x1] END
                                                                      )
                                                                    ),
                                                                    LAMBDA x2 : CASE WHEN JSON_TYPE(x2) = 'ARRAY' THEN x2 -> '$[*]' ELSE [x2] END
                                                                  )
                                                                ),
                                                                LAMBDA x3 : CASE WHEN JSON_TYPE(x3) = 'ARRAY' THEN x3 -> '$[*]' ELSE [x3] END
                                                              )
                                                            ),
                                                            LAMBDA x4 : CASE WHEN JSON_TYPE(x4) = 'ARRAY' THEN x4 -> '$[*]' ELSE [x4] END
                                                          )
                                                        ),
                                                        LAMBDA x5 : JSON_TYPE(x5) = 'OBJECT'
                                                      ),
                                                      LAMBDA x6 : x6 -> '/Records'
                                                    ),
                                                    LAMBDA x7 : NOT x7 IS NULL AND JSON_TYPE(x7) <> 'NULL'
                                                  ),
                                                  LAMBDA x8 : JSON_TYPE(x8) = 'ARRAY'
                                                ),
                                                LAMBDA x9 : LIST_EXTRACT(x9 -> '$[*]', 1)
                                              ),
                                              LAMBDA x10 : NOT x10 IS NULL AND JSON_TYPE(x10) <> 'NULL'
                                            ),
                                            LAMBDA x11 : CASE WHEN JSON_TYPE(x11) = 'ARRAY' THEN x11 -> '$[*]' ELSE [x11] END
                                          )
                                        ),
                                        LAMBDA x12 : CASE WHEN JSON_TYPE(x12) = 'ARRAY' THEN x12 -> '$[*]' ELSE [x12] END
                                      )
                                    ),
                                    LAMBDA x13 : CASE WHEN JSON_TYPE(x13) = 'ARRAY' THEN x13 -> '$[*]' ELSE [x13] END
                                  )
                                ),
                                LAMBDA x14 : CASE WHEN JSON_TYPE(x14) = 'ARRAY' THEN x14 -> '$[*]' ELSE [x14] END
                              )
                            ),
                            LAMBDA x15 : JSON_TYPE(x15) = 'OBJECT'
                          ),
                          LAMBDA x16 : x16 -> '/errorCode'
                        ),
                        LAMBDA x17 : NOT x17 IS NULL AND JSON_TYPE(x17) <> 'NULL'
                      ),
                      LAMBDA x18 : CASE WHEN JSON_TYPE(x18) = 'ARRAY' THEN x18 -> '$[*]' ELSE [x18] END
                    )
                  ),
                  LAMBDA x19 : CASE WHEN JSON_TYPE(x19) = 'ARRAY' THEN x19 -> '$[*]' ELSE [x19] END
                )
              ),
              LAMBDA x20 : CASE WHEN JSON_TYPE(x20) = 'ARRAY' THEN x20 -> '$[*]' ELSE [x20] END
            )
          ),
          LAMBDA x21 : CASE WHEN JSON_TYPE(x21) = 'ARRAY' THEN x21 -> '$[*]' ELSE [x21] END
        )
      ),
      LAMBDA x22 : NOT x22 IS NULL AND JSON_TYPE(x22) <> 'NULL'
    )
  ) > 0
)
