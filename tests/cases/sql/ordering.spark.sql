(
  SIZE(
    FILTER(
      FILTER(
        FLATTEN(
          TRANSFORM(
            FLATTEN(
              TRANSFORM(
                FLATTEN(
                  TRANSFORM(
                    FLATTEN(
                      TRANSFORM(
                        FILTER(
                          TRANSFORM(
                            FILTER(
                              FLATTEN(
                                TRANSFORM(
                                  FLATTEN(
                                    TRANSFORM(
                                      FLATTEN(
                                        TRANSFORM(
                                          FLATTEN(
                                            TRANSFORM(
                                              ARRAY(`record`),
                                              x1 -> CASE
                                                WHEN STARTSWITH(SCHEMA_OF_VARIANT(x1), 'ARRAY')
                                                THEN TRY_VARIANT_GET(x1, '$', 'array<variant>')
                                                ELSE ARRAY(x1)
                                              END
                                            )
                                          ),
                                          x2 -> CASE
                                            WHEN STARTSWITH(SCHEMA_OF_VARIANT(x2), 'ARRAY')
                                            THEN TRY_VARIANT_GET(x2, '$', 'array<variant>')
                                            ELSE ARRAY(x2)
                                          END
                                        )
                                      ),
                                      x3 -> CASE
                                        WHEN STARTSWITH(SCHEMA_OF_VARIANT(x3), 'ARRAY')
                                        THEN TRY_VARIANT_GET(x3, '$', 'array<variant>')
                                        ELSE ARRAY(x3)
                                      END
                                    )
                                  ),
                                  x4 -> CASE
                                    WHEN STARTSWITH(SCHEMA_OF_VARIANT(x4), 'ARRAY')
                                    THEN TRY_VARIANT_GET(x4, '$', 'array<variant>')
                                    ELSE ARRAY(x4)
                                  END
                                )
                              ),
                              x5 -> STARTSWITH(SCHEMA_OF_VARIANT(x5), 'OBJECT')
                            ),
                            x6 -> TRY_ELEMENT_AT(TRY_VARIANT_GET(x6, '$', 'map<string, variant>'), 'count')
                          ),
                          x7 -> NOT x7 IS NULL AND SCHEMA_OF_VARIANT(x7) <> 'VOID'
                        ),
                        x8 -> CASE
                          WHEN STARTSWITH(SCHEMA_OF_VARIANT(x8), 'ARRAY')
                          THEN TRY_VARIANT_GET(x8, '$', 'array<variant>')
                          ELSE ARRAY(x8)
                        END
                      )
                    ),
                    x9 -> CASE
                      WHEN STARTSWITH(SCHEMA_OF_VARIANT(x9), 'ARRAY')
                      THEN TRY_VARIANT_GET(x9, '$', 'array<variant>')
                      ELSE ARRAY(x9)
                    END
                  )
                ),
                x10 -> CASE
                  WHEN STARTSWITH(SCHEMA_OF_VARIANT(x10), 'ARRAY')
                  THEN TRY_VARIANT_GET(x10, '$', 'array<variant>')
                  ELSE ARRAY(x10)
                END
              )
            ),
            x11 -> CASE
              WHEN STARTSWITH(SCHEMA_OF_VARIANT(x11), 'ARRAY')
              THEN TRY_VARIANT_GET(x11, '$', 'array<variant>')
              ELSE ARRAY(x11)
            END
          )
        ),
        x12 -> NOT x12 IS NULL AND SCHEMA_OF_VARIANT(x12) <> 'VOID'
      ),
      x13 -> (
        (
          SCHEMA_OF_VARIANT(x13) IN ('BIGINT', 'INT', 'SMALLINT', 'TINYINT', 'DOUBLE', 'FLOAT')
          OR STARTSWITH(SCHEMA_OF_VARIANT(x13), 'DECIMAL')
        )
        AND TRY_CAST(TRY_VARIANT_GET(x13, '$', 'string') AS DOUBLE) >= 10
      )
      OR (
        (
          SCHEMA_OF_VARIANT(x13) = 'STRING'
          AND TRY_VARIANT_GET(x13, '$', 'string') RLIKE '^(?:-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][+-]?[0-9]+)?)\\z'
        )
        AND COALESCE(
          TRY_CAST(TRY_VARIANT_GET(x13, '$', 'string') AS DOUBLE) BETWEEN -1.7976931348623157E+308 AND 1.7976931348623157e+308
          AND TRY_CAST(TRY_VARIANT_GET(x13, '$', 'string') AS DOUBLE) >= 10,
          FALSE
        )
      )
    )
  ) > 0
  AND SIZE(
    FILTER(
      FILTER(
        FLATTEN(
          TRANSFORM(
            FLATTEN(
              TRANSFORM(
                FLATTEN(
                  TRANSFORM(
                    FLATTEN(
                      TRANSFORM(
                        FILTER(
                          TRANSFORM(
                            FILTER(
                              FLATTEN(
                                TRANSFORM(
                                  FLATTEN(
                                    TRANSFORM(
                                      FLATTEN(
                                        TRANSFORM(
                                          FLATTEN(
                                            TRANSFORM(
                                              ARRAY(`record`),
                                              x14 -> CASE
                                                WHEN STARTSWITH(SCHEMA_OF_VARIANT(x14), 'ARRAY')
                                                THEN TRY_VARIANT_GET(x14, '$', 'array<variant>')
                                                ELSE ARRAY(x14)
                                              END
                                            )
                                          ),
                                          x15 -> CASE
                                            WHEN STARTSWITH(SCHEMA_OF_VARIANT(x15), 'ARRAY')
                                            THEN TRY_VARIANT_GET(x15, '$', 'array<variant>')
                                            ELSE ARRAY(x15)
                                          END
                                        )
                                      ),
                                      x16 -> CASE
                                        WHEN STARTSWITH(SCHEMA_OF_VARIANT(x16), 'ARRAY')
                                        THEN TRY_VARIANT_GET(x16, '$', 'array<variant>')
                                        ELSE ARRAY(x16)
                                      END
                                    )
                                  ),
                                  x17 -> CASE
                                    WHEN STARTSWITH(SCHEMA_OF_VARIANT(x17), 'ARRAY')
                                    THEN TRY_VARIANT_GET(x17, '$', 'array<variant>')
                                    ELSE ARRAY(x17)
                                  END
                                )
                              ),
                              x18 -> STARTSWITH(SCHEMA_OF_VARIANT(x18), 'OBJECT')
                            ),
                            x19 -> TRY_ELEMENT_AT(TRY_VARIANT_GET(x19, '$', 'map<string, variant>'), 'eventTime')
                          ),
                          x20 -> NOT x20 IS NULL AND SCHEMA_OF_VARIANT(x20) <> 'VOID'
                        ),
                        x21 -> CASE
                          WHEN STARTSWITH(SCHEMA_OF_VARIANT(x21), 'ARRAY')
                          THEN TRY_VARIANT_GET(x21, '$', 'array<variant>')
                          ELSE ARRAY(x21)
                        END
                      )
                    ),
                    x22 -> CASE
                      WHEN STARTSWITH(SCHEMA_OF_VARIANT(x22), 'ARRAY')
                      THEN TRY_VARIANT_GET(x22, '$', 'array<variant>')
                      ELSE ARRAY(x22)
                    END
                  )
                ),
                x23 -> CASE
                  WHEN STARTSWITH(SCHEMA_OF_VARIANT(x23), 'ARRAY')
                  THEN TRY_VARIANT_GET(x23, '$', 'array<variant>')
                  ELSE ARRAY(x23)
                END
              )
            ),
            x24 -> CASE
              WHEN STARTSWITH(SCHEMA_OF_VARIANT(x24), 'ARRAY')
              THEN TRY_VARIANT_GET(x24, '$', 'array<variant>')
              ELSE ARRAY(x24)
            END
          )
        ),
        x25 -> NOT x25 IS NULL AND SCHEMA_OF_VARIANT(x25) <> 'VOID'
      ),
      x26 -> SCHEMA_OF_VARIANT(x26) = 'STRING'
      AND TRY_VARIANT_GET(x26, '$', 'string') < '2026-01-01T00:00:00Z'
    )
  ) > 0
)
