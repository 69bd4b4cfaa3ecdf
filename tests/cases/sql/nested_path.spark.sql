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
                                                                                            x6 -> TRY_ELEMENT_AT(TRY_VARIANT_GET(x6, '$', 'map<string, variant>'), 'userIdentity')
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
                                                                        x12 -> STARTSWITH(SCHEMA_OF_VARIANT(x12), 'OBJECT')
                                                                      ),
                                                                      x13 -> TRY_ELEMENT_AT(TRY_VARIANT_GET(x13, '$', 'map<string, variant>'), 'sessionContext')
                                                                    ),
                                                                    x14 -> NOT x14 IS NULL AND SCHEMA_OF_VARIANT(x14) <> 'VOID'
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
                                                      x18 -> CASE
                                                        WHEN STARTSWITH(SCHEMA_OF_VARIANT(x18), 'ARRAY')
                                                        THEN TRY_VARIANT_GET(x18, '$', 'array<variant>')
                                                        ELSE ARRAY(x18)
                                                      END
                                                    )
                                                  ),
                                                  x19 -> STARTSWITH(SCHEMA_OF_VARIANT(x19), 'OBJECT')
                                                ),
                                                x20 -> TRY_ELEMENT_AT(TRY_VARIANT_GET(x20, '$', 'map<string, variant>'), 'sessionIssuer')
                                              ),
                                              x21 -> NOT x21 IS NULL AND SCHEMA_OF_VARIANT(x21) <> 'VOID'
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
                                x25 -> CASE
                                  WHEN STARTSWITH(SCHEMA_OF_VARIANT(x25), 'ARRAY')
                                  THEN TRY_VARIANT_GET(x25, '$', 'array<variant>')
                                  ELSE ARRAY(x25)
                                END
                              )
                            ),
                            x26 -> STARTSWITH(SCHEMA_OF_VARIANT(x26), 'OBJECT')
                          ),
                          x27 -> TRY_ELEMENT_AT(TRY_VARIANT_GET(x27, '$', 'map<string, variant>'), 'type')
                        ),
                        x28 -> NOT x28 IS NULL AND SCHEMA_OF_VARIANT(x28) <> 'VOID'
                      ),
                      x29 -> CASE
                        WHEN STARTSWITH(SCHEMA_OF_VARIANT(x29), 'ARRAY')
                        THEN TRY_VARIANT_GET(x29, '$', 'array<variant>')
                        ELSE ARRAY(x29)
                      END
                    )
                  ),
                  x30 -> CASE
                    WHEN STARTSWITH(SCHEMA_OF_VARIANT(x30), 'ARRAY')
                    THEN TRY_VARIANT_GET(x30, '$', 'array<variant>')
                    ELSE ARRAY(x30)
                  END
                )
              ),
              x31 -> CASE
                WHEN STARTSWITH(SCHEMA_OF_VARIANT(x31), 'ARRAY')
                THEN TRY_VARIANT_GET(x31, '$', 'array<variant>')
                ELSE ARRAY(x31)
              END
            )
          ),
          x32 -> CASE
            WHEN STARTSWITH(SCHEMA_OF_VARIANT(x32), 'ARRAY')
            THEN TRY_VARIANT_GET(x32, '$', 'array<variant>')
            ELSE ARRAY(x32)
          END
        )
      ),
      x33 -> NOT x33 IS NULL AND SCHEMA_OF_VARIANT(x33) <> 'VOID'
    ),
    x34 -> SCHEMA_OF_VARIANT(x34) = 'STRING'
    AND TRY_VARIANT_GET(x34, '$', 'string') = 'Role'
  )
) > 0
