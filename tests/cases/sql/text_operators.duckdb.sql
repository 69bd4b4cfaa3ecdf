(
  CASE
    WHEN (
      JSON_TYPE(CAST("record" AS JSON)) = 'OBJECT'
      AND NOT (
        COALESCE(JSON_TYPE(CAST("record" AS JSON) -> '/eventName') = 'ARRAY', FALSE)
      )
    )
    THEN (
      (
        (
          NOT (
            CAST("record" AS JSON) -> '/eventName'
          ) IS NULL
          AND JSON_TYPE(CAST("record" AS JSON) -> '/eventName') <> 'NULL'
        )
        AND NOT (
          JSON_TYPE(CAST("record" AS JSON) -> '/eventName') = 'ARRAY'
        )
      )
      AND (
        JSON_TYPE(CAST("record" AS JSON) -> '/eventName') = 'VARCHAR'
        AND STARTS_WITH((
          CAST("record" AS JSON) -> '/eventName'
        ) ->> '$', 'Delete')
      )
    )
    ELSE LENGTH(
      LIST_FILTER(
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
                              LAMBDA x6 : x6 -> '/eventName'
                            ),
                            LAMBDA x7 : NOT x7 IS NULL AND JSON_TYPE(x7) <> 'NULL'
                          ),
                          LAMBDA x8 : CASE WHEN JSON_TYPE(x8) = 'ARRAY' THEN x8 -> '$[*]' ELSE [x8] END
                        )
                      ),
                      LAMBDA x9 : CASE WHEN JSON_TYPE(x9) = 'ARRAY' THEN x9 -> '$[*]' ELSE [x9] END
                    )
                  ),
                  LAMBDA x10 : CASE WHEN JSON_TYPE(x10) = 'ARRAY' THEN x10 -> '$[*]' ELSE [x10] END
                )
              ),
              LAMBDA x11 : CASE WHEN JSON_TYPE(x11) = 'ARRAY' THEN x11 -> '$[*]' ELSE [x11] END
            )
          ),
          LAMBDA x12 : NOT x12 IS NULL AND JSON_TYPE(x12) <> 'NULL'
        ),
        LAMBDA x13 : JSON_TYPE(x13) = 'VARCHAR' AND STARTS_WITH(x13 ->> '$', 'Delete')
      )
    ) > 0
  END
  AND CASE
    WHEN (
      JSON_TYPE(CAST("record" AS JSON)) = 'OBJECT'
      AND NOT (
        COALESCE(JSON_TYPE(CAST("record" AS JSON) -> '/userAgent') = 'ARRAY', FALSE)
      )
    )
    THEN (
      (
        (
          NOT (
            CAST("record" AS JSON) -> '/userAgent'
          ) IS NULL
          AND JSON_TYPE(CAST("record" AS JSON) -> '/userAgent') <> 'NULL'
        )
        AND NOT (
          JSON_TYPE(CAST("record" AS JSON) -> '/userAgent') = 'ARRAY'
        )
      )
      AND (
        JSON_TYPE(CAST("record" AS JSON) -> '/userAgent') = 'VARCHAR'
        AND CONTAINS(LOWER((
          CAST("record" AS JSON) -> '/userAgent'
        ) ->> '$'), 'boto')
      )
    )
    ELSE LENGTH(
      LIST_FILTER(
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
                                                [CAST("record" AS JSON)],
                                                LAMBDA x14 : CASE WHEN JSON_TYPE(x14) = 'ARRAY' THEN x14 -> '$[*]' ELSE [x14] END
                                              )
                                            ),
                                            LAMBDA x15 : CASE WHEN JSON_TYPE(x15) = 'ARRAY' THEN x15 -> '$[*]' ELSE [x15] END
                                          )
                                        ),
                                        LAMBDA x16 : CASE WHEN JSON_TYPE(x16) = 'ARRAY' THEN x16 -> '$[*]' ELSE [x16] END
                                      )
                                    ),
                                    LAMBDA x17 : CASE WHEN JSON_TYPE(x17) = 'ARRAY' THEN x17 -> '$[*]' ELSE [x17] END
                                  )
                                ),
                                LAMBDA x18 : JSON_TYPE(x18) = 'OBJECT'
                              ),
                              LAMBDA x19 : x19 -> '/userAgent'
                            ),
                            LAMBDA x20 : NOT x20 IS NULL AND JSON_TYPE(x20) <> 'NULL'
                          ),
                          LAMBDA x21 : CASE WHEN JSON_TYPE(x21) = 'ARRAY' THEN x21 -> '$[*]' ELSE [x21] END
                        )
                      ),
                      LAMBDA x22 : CASE WHEN JSON_TYPE(x22) = 'ARRAY' THEN x22 -> '$[*]' ELSE [x22] END
                    )
                  ),
                  LAMBDA x23 : CASE WHEN JSON_TYPE(x23) = 'ARRAY' THEN x23 -> '$[*]' ELSE [x23] END
                )
              ),
              LAMBDA x24 : CASE WHEN JSON_TYPE(x24) = 'ARRAY' THEN x24 -> '$[*]' ELSE [x24] END
            )
          ),
          LAMBDA x25 : NOT x25 IS NULL AND JSON_TYPE(x25) <> 'NULL'
        ),
        LAMBDA x26 : JSON_TYPE(x26) = 'VARCHAR' AND CONTAINS(LOWER(x26 ->> '$'), 'boto')
      )
    ) > 0
  END
  AND CASE
    WHEN (
      JSON_TYPE(CAST("record" AS JSON)) = 'OBJECT'
      AND NOT (
        COALESCE(JSON_TYPE(CAST("record" AS JSON) -> '/path') = 'ARRAY', FALSE)
      )
    )
    THEN (
      (
        (
          NOT (
            CAST("record" AS JSON) -> '/path'
          ) IS NULL
          AND JSON_TYPE(CAST("record" AS JSON) -> '/path') <> 'NULL'
        )
        AND NOT (
          JSON_TYPE(CAST("record" AS JSON) -> '/path') = 'ARRAY'
        )
      )
      AND (
        JSON_TYPE(CAST("record" AS JSON) -> '/path') = 'VARCHAR'
        AND REGEXP_FULL_MATCH((
          (
            CAST("record" AS JSON) -> '/path'
          ) ->> '$'
        ), '(?s)^/admin/.*$')
      )
    )
    ELSE LENGTH(
      LIST_FILTER(
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
                                                [CAST("record" AS JSON)],
                                                LAMBDA x27 : CASE WHEN JSON_TYPE(x27) = 'ARRAY' THEN x27 -> '$[*]' ELSE [x27] END
                                              )
                                            ),
                                            LAMBDA x28 : CASE WHEN JSON_TYPE(x28) = 'ARRAY' THEN x28 -> '$[*]' ELSE [x28] END
                                          )
                                        ),
                                        LAMBDA x29 : CASE WHEN JSON_TYPE(x29) = 'ARRAY' THEN x29 -> '$[*]' ELSE [x29] END
                                      )
                                    ),
                                    LAMBDA x30 : CASE WHEN JSON_TYPE(x30) = 'ARRAY' THEN x30 -> '$[*]' ELSE [x30] END
                                  )
                                ),
                                LAMBDA x31 : JSON_TYPE(x31) = 'OBJECT'
                              ),
                              LAMBDA x32 : x32 -> '/path'
                            ),
                            LAMBDA x33 : NOT x33 IS NULL AND JSON_TYPE(x33) <> 'NULL'
                          ),
                          LAMBDA x34 : CASE WHEN JSON_TYPE(x34) = 'ARRAY' THEN x34 -> '$[*]' ELSE [x34] END
                        )
                      ),
                      LAMBDA x35 : CASE WHEN JSON_TYPE(x35) = 'ARRAY' THEN x35 -> '$[*]' ELSE [x35] END
                    )
                  ),
                  LAMBDA x36 : CASE WHEN JSON_TYPE(x36) = 'ARRAY' THEN x36 -> '$[*]' ELSE [x36] END
                )
              ),
              LAMBDA x37 : CASE WHEN JSON_TYPE(x37) = 'ARRAY' THEN x37 -> '$[*]' ELSE [x37] END
            )
          ),
          LAMBDA x38 : NOT x38 IS NULL AND JSON_TYPE(x38) <> 'NULL'
        ),
        LAMBDA x39 : JSON_TYPE(x39) = 'VARCHAR'
        AND REGEXP_FULL_MATCH((
          x39 ->> '$'
        ), '(?s)^/admin/.*$')
      )
    ) > 0
  END
)
