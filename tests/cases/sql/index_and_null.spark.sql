NOT (
  SIZE(
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
                                            FILTER(
                                              TRANSFORM(
                                                FILTER(
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
                                                      x6 -> TRY_ELEMENT_AT(TRY_VARIANT_GET(x6, '$', 'map<string, variant>'), 'Records')
                                                    ),
                                                    x7 -> NOT x7 IS NULL AND SCHEMA_OF_VARIANT(x7) <> 'VOID'
                                                  ),
                                                  x8 -> STARTSWITH(SCHEMA_OF_VARIANT(x8), 'ARRAY')
                                                ),
                                                x9 -> TRY_ELEMENT_AT(TRY_VARIANT_GET(x9, '$', 'array<variant>'), 1)
                                              ),
                                              x10 -> NOT x10 IS NULL AND SCHEMA_OF_VARIANT(x10) <> 'VOID'
                                            ),
                                            x11 -> CASE
                                              WHEN STARTSWITH(SCHEMA_OF_VARIANT(x11), 'ARRAY')
                                              THEN TRY_VARIANT_GET(x11, '$', 'array<variant>')
                                              ELSE ARRAY(x11)
                                            END
                                          )
                                        ),
                                        x12 -> CASE
                                          WHEN STARTSWITH(SCHEMA_OF_VARIANT(x12), 'ARRAY')
                                          THEN TRY_VARIANT_GET(x12, '$', 'array<variant>')
                                          ELSE ARRAY(x12)
                                        END
                                      )
                                    ),
                                    x13 -> CASE
                                      WHEN STARTSWITH(SCHEMA_OF_VARIANT(x13), 'ARRAY')
                                      THEN TRY_VARIANT_GET(x13, '$', 'array<variant>')
                                      ELSE ARRAY(x13)
                                    END
                                  )
                                ),
                                x14 -> CASE
                                  WHEN STARTSWITH(SCHEMA_OF_VARIANT(x14), 'ARRAY')
                                  THEN TRY_VARIANT_GET(x14, '$', 'array<variant>')
                                  ELSE ARRAY(x14)
                                END
                              )
                            ),
                            x15 -> STARTSWITH(SCHEMA_OF_VARIANT(x15), 'OBJECT')
                          ),
                          x16 -> TRY_ELEMENT_AT(TRY_VARIANT_GET(x16, '$', 'map<string, variant>'), 'errorCode')
                        ),
                        x17 -> NOT x17 IS NULL AND SCHEMA_OF_VARIANT(x17) <> 'VOID'
                      ),
                      x18 -> CASE
                        WHEN STARTSWITH(SCHEMA_OF_VARIANT(x18), 'ARRAY')
                        THEN TRY_VARIANT_GET(x18, '$', 'array<variant>')
                        ELSE ARRAY(x18)
                      END
                    )
                  ),
                  x19 -> CASE
                    WHEN STARTSWITH(SCHEMA_OF_VARIANT(x19), 'ARRAY')
                    THEN TRY_VARIANT_GET(x19, '$', 'array<variant>')
                    ELSE ARRAY(x19)
                  END
                )
              ),
              x20 -> CASE
                WHEN STARTSWITH(SCHEMA_OF_VARIANT(x20), 'ARRAY')
                THEN TRY_VARIANT_GET(x20, '$', 'array<variant>')
                ELSE ARRAY(x20)
              END
            )
          ),
          x21 -> CASE
            WHEN STARTSWITH(SCHEMA_OF_VARIANT(x21), 'ARRAY')
            THEN TRY_VARIANT_GET(x21, '$', 'array<variant>')
            ELSE ARRAY(x21)
          END
        )
      ),
      x22 -> NOT x22 IS NULL AND SCHEMA_OF_VARIANT(x22) <> 'VOID'
    )
  ) > 0
)
