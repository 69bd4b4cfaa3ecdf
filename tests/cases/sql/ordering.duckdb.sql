(
  CASE
    WHEN (
      JSON_TYPE(CAST("record" AS JSON)) = 'OBJECT'
      AND NOT (
        COALESCE(JSON_TYPE(CAST("record" AS JSON) -> '/count') = 'ARRAY', FALSE)
      )
    )
    THEN (
      (
        (
          NOT (
            CAST("record" AS JSON) -> '/count'
          ) IS NULL
          AND JSON_TYPE(CAST("record" AS JSON) -> '/count') <> 'NULL'
        )
        AND NOT (
          JSON_TYPE(CAST("record" AS JSON) -> '/count') = 'ARRAY'
        )
      )
      AND (
        (
          JSON_TYPE(CAST("record" AS JSON) -> '/count') IN ('BIGINT', 'UBIGINT', 'DOUBLE', 'HUGEINT')
          AND TRY_CAST((
            CAST("record" AS JSON) -> '/count'
          ) ->> '$' AS DOUBLE) >= 10
        )
        OR (
          (
            JSON_TYPE(CAST("record" AS JSON) -> '/count') = 'VARCHAR'
            AND REGEXP_FULL_MATCH(
              (
                (
                  CAST("record" AS JSON) -> '/count'
                ) ->> '$'
              ),
              '-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?'
            )
          )
          AND COALESCE(
            TRY_CAST((
              CAST("record" AS JSON) -> '/count'
            ) ->> '$' AS DOUBLE) BETWEEN -1.7976931348623157E+308 AND 1.7976931348623157e+308
            AND TRY_CAST((
              CAST("record" AS JSON) -> '/count'
            ) ->> '$' AS DOUBLE) >= 10,
            FALSE
          )
        )
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
                              LAMBDA x6 : x6 -> '/count'
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
        LAMBDA x13 : (
          JSON_TYPE(x13) IN ('BIGINT', 'UBIGINT', 'DOUBLE', 'HUGEINT')
          AND TRY_CAST(x13 ->> '$' AS DOUBLE) >= 10
        )
        OR (
          (
            JSON_TYPE(x13) = 'VARCHAR'
            AND REGEXP_FULL_MATCH((
              x13 ->> '$'
            ), '-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?')
          )
          AND COALESCE(
            TRY_CAST(x13 ->> '$' AS DOUBLE) BETWEEN -1.7976931348623157E+308 AND 1.7976931348623157e+308
            AND TRY_CAST(x13 ->> '$' AS DOUBLE) >= 10,
            FALSE
          )
        )
      )
    ) > 0
  END
  AND CASE
    WHEN (
      JSON_TYPE(CAST("record" AS JSON)) = 'OBJECT'
      AND NOT (
        COALESCE(JSON_TYPE(CAST("record" AS JSON) -> '/eventTime') = 'ARRAY', FALSE)
      )
    )
    THEN (
      (
        (
          NOT (
            CAST("record" AS JSON) -> '/eventTime'
          ) IS NULL
          AND JSON_TYPE(CAST("record" AS JSON) -> '/eventTime') <> 'NULL'
        )
        AND NOT (
          JSON_TYPE(CAST("record" AS JSON) -> '/eventTime') = 'ARRAY'
        )
      )
      AND (
        JSON_TYPE(CAST("record" AS JSON) -> '/eventTime') = 'VARCHAR'
        AND (
          (
            CAST("record" AS JSON) -> '/eventTime'
          ) ->> '$'
        ) < '2026-01-01T00:00:00Z'
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
                              LAMBDA x19 : x19 -> '/eventTime'
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
        LAMBDA x26 : JSON_TYPE(x26) = 'VARCHAR' AND (
          x26 ->> '$'
        ) < '2026-01-01T00:00:00Z'
      )
    ) > 0
  END
)
